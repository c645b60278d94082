// node(id:) and nodes(ids:), in place of the Relay plugin's own: there, a key that matches no row
// fails the field (and the whole `nodes` list) with an internal error. Here an id that names
// nothing is null, and a malformed id is BAD_USER_INPUT for its own item only. Loading still
// goes through the plugin's resolveNodes, so the lookups of one type batch into one statement.
import { resolveNodes } from '@pothos/plugin-relay';
import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { decodeId, rowKey } from '../global-id.js';

const Node = builder.nodeInterfaceRef();

builder.queryFields((t) => ({
  node: t.field({
    type: Node,
    nullable: true,
    description: 'Any object with an `id`, by that id; null when it names nothing.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx, info) => loadNode(String(args.id), 'id', ctx, info),
  }),
  nodes: t.field({
    type: [Node],
    nullable: { list: false, items: true },
    description: 'Objects by `id`, in the order asked; null where an id names nothing.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, args, ctx, info) => args.ids.map((id) => loadNode(String(id), 'ids', ctx, info)),
  }),
}));

async function loadNode(globalId: string, argument: string, ctx: Context, info: GraphQLResolveInfo) {
  const { typename, id } = decodeId(globalId, argument);
  const key = rowKey(id);
  if (key === null || !isNodeType(info, typename)) return null;
  try {
    const [node] = await resolveNodes(builder, ctx, info, [{ typename, id: String(key) }]);
    return await node;
  } catch (error) {
    if (isMissingRow(error)) return null;
    throw error;
  }
}

const isNodeType = (info: GraphQLResolveInfo, typename: string) => {
  const type = info.schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((face) => face.name === 'Node');
};

/** How the drizzle plugin's node loader rejects a key with no row. */
const isMissingRow = (error: unknown) =>
  error instanceof Error && /^Model \w+\(.*\) not found$/.test(error.message);
