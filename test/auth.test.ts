import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { bearer, PASSWORD, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
const VIEWER = '{ viewer { id username createdAt } }';
const LOG_IN =
  'mutation($u: String!, $p: String!) { logIn(username: $u, password: $p) { token user { username } } }';

describe('accounts', () => {
  it('signs up, and the token identifies the viewer', async () => {
    const alice = await signUp(ctx.app, 'Alice');
    expect(alice.token).toMatch(/^pgt_[A-Za-z0-9_-]{43}$/);
    const me = await graphql(ctx.app, VIEWER, {}, bearer(alice.token));
    expect(me.data.viewer).toMatchObject({ id: alice.id, username: 'Alice' });
    expect((await graphql(ctx.app, VIEWER)).data.viewer).toBeNull();
  });

  it('keeps usernames unique regardless of case', async () => {
    await signUp(ctx.app, 'Bob-1');
    const again = await graphql(
      ctx.app,
      'mutation { signUp(username: "bob-1", password: "long enough") { token } }',
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_EXISTS', argument: 'username' });
  });

  it.each([
    ['ab', PASSWORD, 'username'],
    ['has space', PASSWORD, 'username'],
    ['_leading', PASSWORD, 'username'],
    ['x'.repeat(33), PASSWORD, 'username'],
    ['carol', 'short', 'password'],
    ['carol', 'p'.repeat(257), 'password'],
  ])('refuses username %j / password %j with BAD_USER_INPUT on %s', async (username, password, argument) => {
    const result = await graphql(
      ctx.app,
      'mutation($u: String!, $p: String!) { signUp(username: $u, password: $p) { token } }',
      {
        u: username,
        p: password,
      },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('logs in with any letter case of the username', async () => {
    await signUp(ctx.app, 'Dana');
    const result = await graphql(ctx.app, LOG_IN, { u: 'DANA', p: PASSWORD });
    expect(result.data.logIn.user.username).toBe('Dana');
    expect((await graphql(ctx.app, VIEWER, {}, bearer(result.data.logIn.token))).data.viewer.username).toBe(
      'Dana',
    );
  });

  it('gives the same error for a wrong password and an unknown user', async () => {
    await signUp(ctx.app, 'Erin');
    const wrongPassword = await graphql(ctx.app, LOG_IN, { u: 'Erin', p: 'not the password' });
    const unknownUser = await graphql(ctx.app, LOG_IN, { u: 'nobody-here', p: PASSWORD });
    expect(wrongPassword.errors?.[0]).toEqual(unknownUser.errors?.[0]);
    expect(wrongPassword.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });

  it('stores tokens only as hashes and passwords only as scrypt hashes', async () => {
    const frank = await signUp(ctx.app, 'Frank');
    const tokenHash = createHash('sha256').update(frank.token).digest('hex');
    const tokens = await ctx.db.rows(
      sql`select token_hash from auth_tokens where token_hash = ${tokenHash} or token_hash = ${frank.token}`,
    );
    expect(tokens).toEqual([{ token_hash: tokenHash }]);
    const [user] = await ctx.db.rows<{ password_hash: string }>(
      sql`select password_hash from users where username = 'Frank'`,
    );
    expect(user!.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(user!.password_hash).not.toContain(PASSWORD);
  });

  it('never exposes passwords or tokens through the schema', async () => {
    const result = await graphql(ctx.app, '{ __type(name: "User") { fields { name } } }');
    const names = result.data.__type.fields.map((f: { name: string }) => f.name);
    expect(names.filter((n: string) => /password|token|hash/i.test(n))).toEqual([]);
  });

  it('logOut revokes the token it was called with, and only that one', async () => {
    const gina = await signUp(ctx.app, 'Gina');
    const second = (await graphql(ctx.app, LOG_IN, { u: 'Gina', p: PASSWORD })).data.logIn.token;
    const out = await graphql(ctx.app, 'mutation { logOut }', {}, bearer(gina.token));
    expect(out.data.logOut).toBe(true);

    const revoked = await graphql(ctx.app, VIEWER, {}, bearer(gina.token));
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await graphql(ctx.app, VIEWER, {}, bearer(second))).data.viewer.username).toBe('Gina');
  });

  it('refuses a malformed or unknown token with 401', async () => {
    for (const header of ['Bearer nonsense', 'Basic abc', `Bearer pgt_${'A'.repeat(43)}`]) {
      const result = await graphql(ctx.app, VIEWER, {}, { authorization: header });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses protected mutations to anonymous users with UNAUTHENTICATED', async () => {
    for (const mutation of [
      'mutation { logOut }',
      'mutation { upvotePaper(arxivId: "2507.14871") { upvoteCount } }',
    ]) {
      const result = await graphql(ctx.app, mutation);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
