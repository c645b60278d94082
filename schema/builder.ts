// The SchemaBuilder with its plugins and scalars; no types are defined here.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getViewSelectedFields, type Column } from 'drizzle-orm';
import { getTableConfig, isPgView, type PgTable, type PgView } from 'drizzle-orm/pg-core';
import { relations, type Relations } from '../drizzle/relations.js';
import type { Context } from './context.js';
import { ErrorCode, userError } from './errors.js';
import { decodeId } from './global-id.js';
import { fieldComplexity, LIMITS } from './limits.js';
import './text-arguments.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { signedIn: boolean };
  DrizzleRelations: Relations;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
  };
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin, DrizzlePlugin, 'textArguments'],
  // Who may do what is declared on fields (`authScopes: { signedIn: true }`), not in resolvers.
  scopeAuth: {
    authScopes: (ctx) => ({ signedIn: ctx.viewer !== null }),
    unauthorizedError: () =>
      userError(ErrorCode.UNAUTHENTICATED, 'Sign in first: send Authorization: Bearer <token>.'),
  },
  // Non-null unless a field says otherwise: typed clients need not null-check what cannot be null.
  defaultFieldNullability: false,
  relay: {
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: { list: false, items: false } },
    nodeFieldOptions: { nullable: false },
    cursorType: 'String',
    decodeGlobalID: (globalId) => decodeId(globalId),
    // Defined in types/node-lookup.ts, where an id naming nothing is null rather than an error.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig: (table: PgTable | PgView) =>
      // A view (co_authorships) has columns but no keys: the plugin then orders by what it is told.
      isPgView(table)
        ? { columns: Object.values(getViewSelectedFields(table)) as Column[], primaryKeys: [] }
        : getTableConfig(table),
    relations,
    defaultConnectionSize: LIMITS.defaultPageSize,
    maxConnectionSize: LIMITS.maxPageSize,
  },
  // Fields declare their cost here; the limits are checked once per operation before it runs, by
  // server/plugins/query-cost.ts, which also sees what no resolver of ours wraps (introspection).
  complexity: { fieldComplexity, disabled: true },
});

builder.queryType({});
builder.mutationType({});
