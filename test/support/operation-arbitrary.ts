// Random GraphQL operations generated from a schema: any root field, arguments of every type
// (valid-looking and hostile values, as variables or as literals, now and then of the wrong type),
// and nested selections through objects, interfaces and connections. For the schema fuzz test.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** Values seen on the server (ids, cursors, arXiv ids), mixed into the generated strings. */
export interface KnownValues {
  ids: string[];
  cursors: string[];
  arxivIds: string[];
}

type G = fc.GeneratorValue;

/** Nesting of selections below the root field. */
const MAX_DEPTH = 5;

const globalId = (typename: string, key: string) => Buffer.from(`${typename}:${key}`).toString('base64');

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '🦜 Zoë 中文',
  'x'.repeat(3_000),
  'y'.repeat(60_000), // most of a request body
  '%',
  '_',
  '\\',
  "'; drop table papers; --",
  '"',
  '<mark>',
  '-1',
  'NaN',
  '2507.14871',
  '2507.14871v2',
  'hep-th/9901001',
  '9999.99999',
  'language model',
  '"lip reading"',
  '-video',
  'speech or audio',
  'Ada Lovelace',
  'ido',
  'google',
  'tencent',
  'https://github.com/a/b',
  'javascript:alert(1)',
  'correct horse battery staple',
  'user_fuzz',
  'Bearer pgt_x',
];

const ID_TYPES = ['Paper', 'Author', 'User', 'Foo', 'Organization', 'Query', ''];
const ID_KEYS = ['1', '2', '36', '999999', '0', '-1', 'abc', '1.5', '2147483648', '99999999999999999999', ''];

// Choices are made by index: fast-check's `gen` compares the arguments of each draw with earlier
// ones, which must not be schema objects (their graph is cyclic) nor fresh closures.
const pick = <T>(g: G, values: readonly T[]): T => values[g(fc.nat, { max: values.length - 1 })]!;
const some = <T>(g: G, values: readonly T[], min: number, max: number): T[] =>
  g(fc.subarray, [...values.keys()], { minLength: min, maxLength: Math.min(max, values.length) }).map(
    (i) => values[i]!,
  );

function stringValue(g: G, known: KnownValues): string {
  switch (g(fc.integer, { min: 0, max: 10 })) {
    case 0:
    case 1:
      return g(fc.string, { maxLength: 20 });
    case 2:
      return g(fc.string, { unit: 'binary', maxLength: 20 });
    case 3:
      return globalId(pick(g, ID_TYPES), pick(g, ID_KEYS));
    case 4:
      return known.ids.length ? pick(g, known.ids) : '';
    case 5:
      return known.cursors.length ? pick(g, known.cursors) : '';
    case 6:
      return g(fc.base64String, { maxLength: 24 });
    case 7: // an arXiv id, likely new
      return `25${String(g(fc.integer, { min: 1, max: 12 })).padStart(2, '0')}.${String(g(fc.nat, { max: 99_999 })).padStart(5, '0')}`;
    default:
      return pick(g, HOSTILE_STRINGS);
  }
}

// Past 32 bits, and not whole: GraphQL's Int refuses them, as variables (literals fail validation).
const EDGE_INTS = [0, 1, 100, 101, -1, 2_147_483_647, -2_147_483_648, 2 ** 31, 2 ** 53, 1e20, -1e20, 1.5];

function intValue(g: G): number {
  const kind = g(fc.nat, { max: 6 });
  if (kind < 4) return g(fc.integer, { min: -3, max: 120 });
  return kind < 6 ? pick(g, EDGE_INTS) : g(fc.integer);
}

function dateValue(g: G, withTime: boolean): string {
  const edges = withTime
    ? [
        '0000-01-01T00:00:00Z',
        '0001-01-01T00:00:00Z',
        '0001-01-01T00:00:00+01:00',
        '9999-12-31T23:59:59Z',
        '9999-12-31T23:59:59-01:00',
        '2025-02-30T00:00:00Z',
        '2025-07-20T00:00:00.123456789+05:30',
        '2025-07-20',
        'today',
      ]
    : [
        '0000-01-01',
        '0001-01-01',
        '9999-12-31',
        '9999-12-25',
        '2024-02-29',
        '2025-02-30',
        '2025-13-01',
        'today',
      ];
  if (g(fc.boolean)) return pick(g, edges);
  const date = g(fc.date, {
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  return withTime ? date.toISOString() : date.toISOString().slice(0, 10);
}

/** A value for `type`: mostly of its shape, with hostile scalars. */
function inputValue(g: G, type: GraphQLInputType, known: KnownValues, depth = 0): unknown {
  if (!isNonNullType(type) && g(fc.integer, { min: 0, max: 9 }) === 0) return null;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    const length = g(fc.nat, { max: 9 }) === 0 ? 101 : g(fc.nat, { max: 4 });
    return Array.from({ length }, () => inputValue(g, nullable.ofType, known, depth + 1));
  }
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) || g(fc.boolean))
        value[field.name] = inputValue(g, field.type, known, depth + 1);
    }
    return value;
  }
  if (isEnumType(nullable)) {
    const names = nullable.getValues().map((v) => v.name);
    return g(fc.integer, { min: 0, max: 19 }) === 0 ? 'NOT_A_VALUE' : pick(g, names);
  }
  switch (nullable.name) {
    case 'Int':
      return intValue(g);
    case 'Float':
      return g(fc.double, { noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return g(fc.boolean);
    case 'Date':
      return dateValue(g, false);
    case 'DateTime':
      return dateValue(g, true);
    case 'String':
      return g(fc.integer, { min: 0, max: 4 }) === 0 && known.arxivIds.length
        ? pick(g, known.arxivIds)
        : stringValue(g, known);
    default:
      return stringValue(g, known); // ID and any other scalar
  }
}

/** A GraphQL literal for `value`; enum values print bare where they look like names. */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const nullable = isNonNullType(type) ? type.ofType : type;
    const item = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : type;
    return `[${value.map((v) => literal(v, item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value as object)
      .map(([name, v]) => `${name}: ${literal(v, fields[name]?.type ?? named)}`)
      .join(', ')} }`;
  }
  if (isEnumType(named) && typeof value === 'string' && /^[_A-Za-z]\w*$/.test(value)) return value;
  return JSON.stringify(value);
}

/** One operation, built by walking the schema from a root field with fast-check's generator. */
class OperationBuilder {
  private declarations: string[] = [];
  private aliases = 0;
  private variables: Record<string, unknown> = {};

  constructor(
    private readonly g: G,
    private readonly schema: GraphQLSchema,
    private readonly known: KnownValues,
  ) {}

  build(kind: string, field: GraphQLField<unknown, unknown>): Operation {
    const selection = this.field(field, 0);
    const declarations = this.declarations.length ? `(${this.declarations.join(', ')})` : '';
    return { query: `${kind} Fuzz${declarations} { ${selection} }`, variables: this.variables };
  }

  private variable(type: GraphQLInputType, value: unknown): string {
    const name = `v${this.declarations.length}`;
    this.declarations.push(`$${name}: ${String(type)}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  private arguments(field: GraphQLField<unknown, unknown>): string {
    const { g, known } = this;
    const parts: string[] = [];
    // Mostly one page size: `first` with `last` is only an error.
    const skipped = g(fc.nat, { max: 9 }) > 0 ? pick(g, ['first', 'last']) : null;
    for (const arg of field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (!required && (arg.name === skipped || g(fc.boolean))) continue;
      // Now and then a value of any JSON type, to reach variable coercion with the wrong types.
      const wrongType = g(fc.integer, { min: 0, max: 24 }) === 0;
      const value = wrongType ? g(fc.jsonValue, { maxDepth: 2 }) : inputValue(g, arg.type, known);
      const asVariable = wrongType || g(fc.integer, { min: 0, max: 3 }) > 0;
      parts.push(`${arg.name}: ${asVariable ? this.variable(arg.type, value) : literal(value, arg.type)}`);
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const args = this.arguments(field);
    // A new alias for each: selections of one field with different arguments stay valid together.
    const alias = `a${this.aliases++}`;
    return `${alias}: ${field.name}${args} ${this.selectionSet(getNamedType(field.type), depth + 1)}`.trim();
  }

  private selectionSet(type: GraphQLNamedType, depth: number): string {
    if (isInterfaceType(type) || isUnionType(type)) {
      const possible = some(this.g, this.schema.getPossibleTypes(type), 0, 2);
      const own = isInterfaceType(type) ? ` ${this.fields(type.getFields(), depth)}` : '';
      const fragments = possible.map(
        (object) => ` ... on ${object.name} ${this.selectionSet(object, depth)}`,
      );
      return `{ __typename${own}${fragments.join('')} }`;
    }
    return isObjectType(type) ? `{ ${this.fields(type.getFields(), depth)} }` : '';
  }

  private fields(fields: Record<string, GraphQLField<unknown, unknown>>, depth: number): string {
    // Past the depth, only leaves: the selection must end somewhere.
    const candidates = Object.values(fields).filter(
      (f) => depth < MAX_DEPTH || isLeafType(getNamedType(f.type)),
    );
    if (candidates.length === 0) return '__typename';
    const chosen = some(this.g, candidates, 1, 3);
    return chosen.map((field) => this.field(field, depth)).join(' ');
  }
}

/** Operations on `schema`'s Query and Mutation fields. */
export function operationArbitrary(schema: GraphQLSchema, known: KnownValues): fc.Arbitrary<Operation> {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  const fields = roots.flatMap(([kind, root]) =>
    root ? Object.values(root.getFields()).map((field) => ({ kind, field })) : [],
  );
  return fc.gen().map((g) => {
    const { kind, field } = pick(g, fields);
    return new OperationBuilder(g, schema, known).build(kind, field);
  });
}
