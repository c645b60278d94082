// What the schema fuzz (schema-fuzz.test.ts) found, each pinned by a plain example.
import { describe, expect, it } from '@jest/globals';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, locatedError, parse } from 'graphql';
import { periodRange } from '../drizzle/paper-feed.js';
import { maskError } from '../server/mask-error.js';
import { data, graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

describe('a variable value that does not fit its type', () => {
  it.each([
    ['Int', 'x'],
    ['Int', 2 ** 31],
    ['Int', 1.5],
    ['String', 42],
    ['PaperOrder!', 'SIDEWAYS'],
    ['[String!]!', [null]],
  ])('is BAD_USER_INPUT (%s given %j), as a DateTime given garbage already was', async (type, value) => {
    const field = {
      Int: 'papers(first: $v) { totalCount }',
      String: 'authors(search: $v) { totalCount }',
      'PaperOrder!': 'papers(orderBy: $v) { totalCount }',
      '[String!]!': 'papersByArxivIds(arxivIds: $v) { id }',
    }[type];
    const result = await graphql(ctx.app, `query($v: ${type}) { ${field} }`, { v: value });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});

describe('first and last together', () => {
  it.each([
    '{ papers(first: 2, last: 2) { totalCount } }',
    '{ authors(first: 2, last: 2) { totalCount } }',
    '{ search(query: "model", first: 2, last: 2) { totalCount } }',
    '{ papers(first: 1) { nodes { upvoters(first: 1, last: 1) { pageInfo { hasNextPage } } } } }',
  ])('are BAD_USER_INPUT naming "last": %s', async (query) => {
    const result = await graphql(ctx.app, query);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'last' });
    expect(result.errors?.[0]?.message).toMatch(/^Pass "first" or "last" on \w+, not both\.$/);
  });
});

it('masks a library validation error as INTERNAL_SERVER_ERROR instead of passing its text on', () => {
  const [operation] = parse('{ papers { totalCount } }').definitions;
  const located = locatedError(new PothosValidationError('Some internal detail'), [operation!], ['papers']);
  const masked = maskError(located, 'Unexpected error.', false) as GraphQLError;
  expect(masked.message).toBe('Unexpected error.');
  expect(masked.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  expect(masked.path).toEqual(['papers']);
});

describe('instants PostgreSQL cannot read back (years before 0001 or after 9999)', () => {
  it.each([
    ['publishedFrom: "0000-01-01T00:00:00Z"', 'DateTime'],
    ['publishedTo: "0001-01-01T00:00:00+01:00"', 'DateTime'], // 0000-12-31T23:00Z
    ['publishedFrom: "9999-12-31T23:59:59-01:00"', 'DateTime'], // in year 10000
    ['publishedOn: "0000-06-01"', 'Date'],
  ])('are BAD_USER_INPUT, not an internal error: papers(%s)', async (argument, scalar) => {
    const result = await graphql(ctx.app, `{ papers(${argument}) { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(`${scalar} must be`);
  });

  it('refuses them in a search filter too', async () => {
    const result = await graphql(
      ctx.app,
      '{ search(query: "model", filter: { publishedTo: "0000-06-01T00:00:00Z" }) { totalCount } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accepts the last days, whose periods end in year 10000', async () => {
    const result = await data(
      ctx.app,
      `{ day: papers(publishedOn: "9999-12-31") { totalCount }
         month: papers(period: MONTH, date: "9999-12-15") { totalCount }
         week: papers(period: WEEK, date: "9999-12-31") { totalCount }
         first: papers(period: DAY, date: "0001-01-01") { totalCount } }`,
    );
    expect(result).toEqual({
      day: { totalCount: 0 },
      month: { totalCount: 0 },
      week: { totalCount: 0 },
      first: { totalCount: 0 },
    });
  });
});

it('counts a month of the years 0 to 99 in those years, not in the 1900s', () => {
  expect(periodRange('MONTH', '0050-06-15')).toEqual({
    from: new Date('0050-06-01T00:00:00.000Z'),
    to: new Date('0050-07-01T00:00:00.000Z'),
  });
  expect(periodRange('MONTH', '2025-12-31').to).toEqual(new Date('2026-01-01T00:00:00.000Z'));
});
