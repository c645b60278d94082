// graphql-codegen plugin: lists every operation in sdk/operations/ by kind, so the client can
// offer one typed method per operation, and marks the queries that page through a connection
// (a field with `edges` and `pageInfo`, reached through single fields, with an `$after` variable),
// and the subscriptions that resume from the `id` of the last result (those with an `$after`).
const { getNamedType, isObjectType, Kind } = require('graphql');

const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1);

function connectionPath(schema, rootType, selectionSet, path = []) {
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const field = rootType.getFields()[selection.name.value];
    const type = field && getNamedType(field.type);
    if (!isObjectType(type)) continue;
    const here = [...path, selection.alias?.value ?? selection.name.value];
    const fields = type.getFields();
    if (fields.edges && fields.pageInfo) return here;
    const deeper = connectionPath(schema, type, selection.selectionSet, here);
    if (deeper) return deeper;
  }
  return null;
}

module.exports = {
  plugin(schema, documents) {
    const kinds = { query: [], mutation: [], subscription: [] };
    const connections = [];
    const resumable = [];
    for (const { document } of documents) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
        const name = definition.name.value;
        const entry = `  ${lowerFirst(name)}: ${name}Document,`;
        kinds[definition.operation].push(entry);
        const takesAfter = definition.variableDefinitions?.some((v) => v.variable.name.value === 'after');
        if (definition.operation === 'subscription' && takesAfter) {
          const [root] = definition.selectionSet.selections;
          resumable.push(`  ${lowerFirst(name)}: ${JSON.stringify(root.alias?.value ?? root.name.value)},`);
        }
        if (definition.operation === 'query' && takesAfter) {
          const path = connectionPath(schema, schema.getQueryType(), definition.selectionSet);
          if (path)
            connections.push(
              `  ${lowerFirst(name)}: { document: ${name}Document, path: ${JSON.stringify(path)} },`,
            );
        }
      }
    }
    const block = (name, lines) => `export const ${name} = {\n${lines.sort().join('\n')}\n} as const;\n`;
    const documentNames = [...kinds.query, ...kinds.mutation, ...kinds.subscription].map((line) =>
      line.split(': ')[1].slice(0, -1),
    );
    return [
      `import {\n${documentNames
        .sort()
        .map((name) => `  ${name},`)
        .join('\n')}\n} from './graphql.js';\n`,
      block('queries', kinds.query),
      block('mutations', kinds.mutation),
      block('subscriptions', kinds.subscription),
      '/** Queries that page through a connection: where it sits in the result. */',
      block('connections', connections),
      '/** Subscriptions that resume after a reconnection: the root field whose `id` becomes `after`. */',
      block('resumable', resumable),
    ].join('\n');
  },
};
