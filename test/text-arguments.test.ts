// Text PostgreSQL cannot store (NUL, lone UTF-16 surrogates) is refused in every string argument
// and input field, with BAD_USER_INPUT naming it, before any resolver or SQL sees it.
import { describe, expect, it } from '@jest/globals';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';

const submission = (overrides: Record<string, unknown>) => ({
  arxivId: '2512.09999',
  title: 'A title',
  summary: 'An abstract.',
  authors: ['Ada Lovelace'],
  publishedAt: '2025-12-01T00:00:00Z',
  ...overrides,
});

/** [operation, variables, the argument, the path to the value when nested] */
const cases = (bad: string): [string, Record<string, unknown>, string, (string | number)[]?][] => [
  ['query($s: String) { authors(search: $s) { totalCount } }', { s: bad }, 'search'],
  [
    'query($s: String) { authors(nameStartsWith: $s) { totalCount nodes { name } } }',
    { s: bad },
    'nameStartsWith',
  ],
  ['query($s: String!) { search(query: $s) { totalCount } }', { s: bad }, 'query'],
  [
    'query($f: SearchFilter) { search(query: "model", filter: $f) { totalCount } }',
    { f: { author: bad } },
    'filter',
    ['filter', 'author'],
  ],
  [
    'query($f: SearchFilter) { search(query: "model", filter: $f) { totalCount } }',
    { f: { organization: bad } },
    'filter',
    ['filter', 'organization'],
  ],
  ['query($s: String!) { paper(arxivId: $s) { id } }', { s: bad }, 'arxivId'],
  [
    'query($s: [String!]!) { papersByArxivIds(arxivIds: $s) { id } }',
    { s: ['2507.14871', bad] },
    'arxivIds',
    ['arxivIds', 1],
  ],
  ['query($s: ID!) { node(id: $s) { id } }', { s: bad }, 'id'],
  ['query($s: String) { papers(after: $s) { totalCount } }', { s: bad }, 'after'],
  [
    'mutation($s: String!) { logIn(username: $s, password: "long enough") { token } }',
    { s: bad },
    'username',
  ],
  ['mutation($s: String!) { logIn(username: "someone", password: $s) { token } }', { s: bad }, 'password'],
  [
    'mutation($s: String!) { signUp(username: $s, password: "long enough") { token } }',
    { s: bad },
    'username',
  ],
  ['mutation($s: String!) { upvotePaper(arxivId: $s) { id } }', { s: bad }, 'arxivId'],
  [
    'subscription($f: PaperFilter) { paperAdded(filter: $f) { id } }',
    { f: { authorName: bad } },
    'filter',
    ['filter', 'authorName'],
  ],
  [
    'subscription($s: [String!]) { paperUpvotesChanged(arxivIds: $s) { id } }',
    { s: [bad] },
    'arxivIds',
    ['arxivIds', 0],
  ],
];

describe.each([
  ['a NUL character', NUL],
  ['an unpaired surrogate', LONE_SURROGATE],
])('a string argument holding %s', (what, bad) => {
  // As objects: jest.each would take a missing 4th element for a `done` callback.
  const rows = cases(bad).map(([query, variables, argument, field]) => ({
    query,
    variables,
    argument,
    field,
  }));
  it.each(rows)('is BAD_USER_INPUT naming it: $query', async ({ query, variables, argument, field }) => {
    const result = await graphql(ctx.app, query, variables);
    expect(result.status).toBe(200);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toContain(what);
    expect(result.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument,
      ...(field ? { field } : {}),
    });
  });

  it('is refused in a submitted paper, naming the input field', async () => {
    const { token } = await signUp(ctx.app);
    const submit = 'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { id } }';
    for (const [input, field] of [
      [submission({ title: bad }), ['input', 'title']],
      [submission({ authors: ['Ada Lovelace', bad] }), ['input', 'authors', 1]],
      [submission({ githubRepo: `https://github.com/${bad}` }), ['input', 'githubRepo']],
    ] as const) {
      const result = await ctx.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify({ query: submit, variables: { input } }),
      });
      const body = (await result.json()) as { errors: { extensions: unknown }[] };
      expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input', field });
    }
  });
});

it('refuses a NUL written into the query text too', async () => {
  const result = await graphql(ctx.app, '{ authors(search: "a\\u0000b") { totalCount } }');
  expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'search' });
});

it('accepts any other text, emoji and non-Latin scripts included', async () => {
  const result = await graphql(ctx.app, 'query($s: String) { authors(search: $s) { totalCount } }', {
    s: 'Zoë 🦜 中文 \u0001 \uffff',
  });
  expect(result.errors).toBeUndefined();
});
