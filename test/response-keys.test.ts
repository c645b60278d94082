// Response objects are plain objects (patches/@graphql-tools+executor: V8 builds and serialises
// them faster than null-prototype ones); any alias a client picks is still answered as its own
// key, `__proto__` included, and changes no object's prototype.
import { describe, expect, it } from '@jest/globals';
import { data } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

describe('response keys', () => {
  it('answers an alias named __proto__ as a key of its own, at every level', async () => {
    const result = await data(
      ctx.app,
      '{ __proto__: __typename papers(first: 1) { __proto__: nodes { __proto__: arxivId title } } }',
    );
    expect(Object.keys(result)).toEqual(['__proto__', 'papers']);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toBe('Query');
    const nodes = Object.getOwnPropertyDescriptor(result.papers, '__proto__')?.value;
    expect(nodes).toHaveLength(1);
    expect(Object.keys(nodes[0])).toEqual(['__proto__', 'title']);
  });

  it('answers a mutation alias named __proto__ too (mutation fields run one after the other)', async () => {
    const result = await data(
      ctx.app,
      'mutation { __proto__: signUp(username: "proto-alias", password: "correct horse battery") { user { username } } }',
    );
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({
      user: { username: 'proto-alias' },
    });
  });
});
