// `npm run generate:check` refuses a schema whose root fields or arguments have no SDK operation.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { uncoveredRootFields } from '../sdk/codegen/coverage.js';

const sdl = () => readFile('schema/schema.graphql', 'utf8');
const operations = async () => {
  const files = (await readdir('sdk/operations')).filter((name) => name.endsWith('.graphql'));
  return Promise.all(files.map(async (name) => parse(await readFile(join('sdk/operations', name), 'utf8'))));
};

describe('SDK coverage of the schema', () => {
  it('has an operation for every root field and argument of the schema', async () => {
    expect(uncoveredRootFields(buildSchema(await sdl()), await operations())).toEqual([]);
  });

  it('names a new root field, and a new argument of one, that no operation uses', async () => {
    const grown = (await sdl())
      .replace('type Query {', 'type Query {\n  trendingTopics(first: Int): [String!]!')
      .replace('logOut: Boolean!', 'logOut(everywhere: Boolean): Boolean!')
      .replace(
        'paperUpvotesChanged(arxivIds: [String!])',
        'paperUpvotesChanged(arxivIds: [String!], minimum: Int)',
      );
    expect(uncoveredRootFields(buildSchema(grown), await operations())).toEqual([
      'Query.trendingTopics',
      'Query.trendingTopics(first:)',
      'Mutation.logOut(everywhere:)',
      'Subscription.paperUpvotesChanged(minimum:)',
    ]);
  });

  it('counts an argument only when an operation passes it a variable', () => {
    const schema = buildSchema('type Query { papers(first: Int, period: String): Int }');
    const fixed = parse('query Fixed($first: Int) { papers(first: $first, period: "DAY") }');
    expect(uncoveredRootFields(schema, [fixed])).toEqual(['Query.papers(period:)']);
    const nested = parse('query Q($p: String) { ...F } fragment F on Query { papers(first: 1, period: $p) }');
    expect(uncoveredRootFields(schema, [nested])).toEqual(['Query.papers(first:)']);
  });
});
