// The token cache (server/auth/token-cache.ts): a token is looked up in SQL once per instance,
// then answered from memory until it is revoked (on any instance), expires, the LISTEN connection
// is lost, or its entry's time-to-live ends. Counted with the statements the test database records.
import { describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { insertToken } from '../drizzle/accounts.js';
import { EVENTS_CHANNEL } from '../drizzle/events.js';
import { openDatabase } from '../drizzle/db.js';
import { createAccounts } from '../server/auth/accounts.js';
import { createTokenCache } from '../server/auth/token-cache.js';
import { hashToken, newToken } from '../server/auth/tokens.js';
import { loadConfig } from '../server/config.js';
import { startEventHub, type HubMessage, type RunningEventHub } from '../server/events/event-hub.js';
import { createApp, type App } from '../server/yoga.js';
import { bearer, PASSWORD, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
const onPostgres = process.env.DATABASE_URL ? it : it.skip;
const TRIVIAL = '{ __typename }';
const LOG_IN = 'mutation($u: String!, $p: String!) { logIn(username: $u, password: $p) { token } }';

/** The request's response and the SQL statements it sent through the test database. */
async function counted(app: App, query: string, token: string) {
  ctx.db.statements.length = 0;
  const response = await graphql(app, query, {}, bearer(token));
  return { response, statements: ctx.db.statements.length };
}

async function userId(username: string): Promise<number> {
  const [row] = await ctx.db.rows<{ id: number }>(sql`select id from users where username = ${username}`);
  return row!.id;
}

/** Resolves with the first message the hub hears that `matches`; fails after `timeoutMs`. */
function heard(hub: RunningEventHub, matches: (message: HubMessage) => boolean, timeoutMs = 5_000) {
  return new Promise<HubMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the hub heard nothing')), timeoutMs);
    const unwatch = hub.watch((message) => {
      if (!matches(message)) return;
      clearTimeout(timer);
      unwatch();
      resolve(message);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the token cache in the app', () => {
  it("a token's first request looks it up; the next ones send no SQL statement", async () => {
    const { token, username } = await signUp(ctx.app);
    const first = await counted(ctx.app, TRIVIAL, token);
    expect(first.response.data).toEqual({ __typename: 'Query' });
    expect(first.statements).toBe(1);
    const second = await counted(ctx.app, TRIVIAL, token);
    expect(second.response.data).toEqual({ __typename: 'Query' });
    expect(second.statements).toBe(0);
    // The viewer comes from memory as it came from the row.
    const me = await graphql(ctx.app, '{ viewer { username } }', {}, bearer(token));
    expect(me.data.viewer).toEqual({ username });
  });

  it('logOut refuses the token at once on the same app, though it was cached', async () => {
    const { token, username } = await signUp(ctx.app);
    const other = (await graphql(ctx.app, LOG_IN, { u: username, p: PASSWORD })).data.logIn.token;
    await graphql(ctx.app, TRIVIAL, {}, bearer(token));
    await graphql(ctx.app, TRIVIAL, {}, bearer(other));
    expect((await counted(ctx.app, TRIVIAL, token)).statements).toBe(0);

    expect((await graphql(ctx.app, 'mutation { logOut }', {}, bearer(token))).data).toEqual({ logOut: true });
    const refused = await graphql(ctx.app, TRIVIAL, {}, bearer(token));
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The user's other session still works (looked up again once the revocation is heard).
    expect((await graphql(ctx.app, TRIVIAL, {}, bearer(other))).data).toEqual({ __typename: 'Query' });
  });

  it('a cached token is refused once past the expiry it was read with, without SQL', async () => {
    const { username } = await signUp(ctx.app);
    const token = newToken();
    const expiresAt = Date.now() + 2_000;
    await insertToken(ctx.db.db, hashToken(token), await userId(username), new Date(expiresAt));
    expect((await counted(ctx.app, TRIVIAL, token)).response.status).toBe(200);
    expect((await counted(ctx.app, TRIVIAL, token)).statements).toBe(0);

    await sleep(expiresAt - Date.now() + 50);
    const expired = await counted(ctx.app, TRIVIAL, token);
    expect(expired.response.status).toBe(401);
    expect(expired.response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(expired.statements).toBe(0);
    // Dropped from memory: the next request asks the database, which refuses it too.
    const again = await counted(ctx.app, TRIVIAL, token);
    expect(again.response.status).toBe(401);
    expect(again.statements).toBe(1);
  });

  onPostgres('a lost LISTEN connection (eventsMissed) drops every cached token', async () => {
    const { token } = await signUp(ctx.app);
    await graphql(ctx.app, TRIVIAL, {}, bearer(token));
    expect((await counted(ctx.app, TRIVIAL, token)).statements).toBe(0);

    const missed = heard(ctx.events, (message) => message.topic === 'eventsMissed');
    await ctx.db.rows(sql`select pg_terminate_backend(pid) from pg_stat_activity
                          where application_name = 'papergraph-listener' and datname = current_database()`);
    await missed;
    const after = await counted(ctx.app, TRIVIAL, token);
    expect(after.response.status).toBe(200);
    expect(after.statements).toBe(1);
  });

  onPostgres(
    'a token logged out through instance B is refused by instance A, which had it cached',
    async () => {
      // B: a second app with its own connections and its own LISTEN, on the same database.
      const databaseB = await openDatabase({ databaseUrl: ctx.db.url! });
      const eventsB = await startEventHub(databaseB);
      ctx.beforeClose.push(async () => {
        await eventsB.close();
        await databaseB.close();
      });
      const defaults = loadConfig({});
      const appB = createApp(databaseB, eventsB, { ...defaults, responseCacheTtlMs: 0 });

      const { token } = await signUp(appB);
      await graphql(ctx.app, TRIVIAL, {}, bearer(token));
      expect((await counted(ctx.app, TRIVIAL, token)).statements).toBe(0);

      const revoked = heard(ctx.events, (message) => message.topic === 'userTokensRevoked');
      expect((await graphql(appB, 'mutation { logOut }', {}, bearer(token))).data).toEqual({ logOut: true });
      // As soon as PostgreSQL delivers B's notification to A.
      await revoked;
      const refused = await counted(ctx.app, TRIVIAL, token);
      expect(refused.response.status).toBe(401);
      expect(refused.response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.statements).toBe(1);
    },
  );
});

describe('the token cache itself, on the real database and event hub', () => {
  /** A token of a new user, with the user's name and id. */
  async function knownToken() {
    const { token, username } = await signUp(ctx.app);
    return { tokenHash: hashToken(token), username, userId: await userId(username) };
  }

  /** SQL statements `run` sends. */
  async function statementsOf(run: () => Promise<unknown>): Promise<number> {
    ctx.db.statements.length = 0;
    await run();
    return ctx.db.statements.length;
  }

  it("a user's revocation, announced by any instance, drops that user's tokens and no one else's", async () => {
    const cache = createTokenCache(ctx.db.db, ctx.events);
    const first = await knownToken();
    const secondHash = hashToken(
      (await graphql(ctx.app, LOG_IN, { u: first.username, p: PASSWORD })).data.logIn.token,
    );
    const bystander = await knownToken();
    // Two lookups of one token at once: the second one's result replaces the first's.
    await Promise.all([cache.userFor(first.tokenHash), cache.userFor(first.tokenHash)]);
    for (const tokenHash of [secondHash, bystander.tokenHash]) await cache.userFor(tokenHash);
    const upvotes = ctx.events.subscribe('paperUpvotesChanged');

    // What another instance's logOut sends: the user's id.
    const revoked = heard(ctx.events, (message) => message.topic === 'userTokensRevoked');
    const message = JSON.stringify({ topic: 'userTokensRevoked', ids: [first.userId] });
    await ctx.db.rows(sql`select pg_notify(${EVENTS_CHANNEL}, ${message})`);
    await revoked;

    // Both of the user's tokens are looked up again (the rows are still there: found again).
    expect(await statementsOf(() => cache.userFor(first.tokenHash))).toBe(1);
    expect(await statementsOf(() => cache.userFor(secondHash))).toBe(1);
    expect(await statementsOf(() => cache.userFor(bystander.tokenHash))).toBe(0);
    expect((await cache.userFor(first.tokenHash))?.id).toBe(first.userId);

    // Paper subscribers never receive it: the next thing they get is the next paper event.
    await ctx.db.rows(
      sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ topic: 'paperUpvotesChanged', ids: [424242] })})`,
    );
    expect((await upvotes.next()).value).toBe(424242);
    await upvotes.return!();
  });

  it('logOut forgets the token on its own instance without waiting for the notification', async () => {
    // A hub that stopped listening hears nothing: as an instance before PostgreSQL's notification
    // arrives, which on a server is often after logOut's COMMIT was answered.
    const deaf = await startEventHub(ctx.db);
    await deaf.close();
    const cache = createTokenCache(ctx.db.db, deaf);
    const accounts = createAccounts(ctx.db.db, cache);
    const { tokenHash, username } = await knownToken();
    const other = hashToken((await graphql(ctx.app, LOG_IN, { u: username, p: PASSWORD })).data.logIn.token);
    await cache.userFor(tokenHash);
    await cache.userFor(other);

    await accounts.logOut(tokenHash);
    expect(await cache.userFor(tokenHash)).toBeNull();
    // Only that token: the user's other one is dropped by the notification, where it is heard.
    expect(await statementsOf(() => cache.userFor(other))).toBe(0);
  });

  it('what no event reports (a row deleted by hand) lasts until the time-to-live ends', async () => {
    const cache = createTokenCache(ctx.db.db, ctx.events, { ttlMs: 300 });
    const { tokenHash, userId: id } = await knownToken();
    expect((await cache.userFor(tokenHash))?.id).toBe(id);
    await ctx.db.rows(sql`delete from auth_tokens where token_hash = ${tokenHash}`);

    let user: unknown;
    expect(await statementsOf(async () => (user = await cache.userFor(tokenHash)))).toBe(0);
    expect(user).toMatchObject({ id });
    await sleep(350);
    expect(await statementsOf(async () => (user = await cache.userFor(tokenHash)))).toBe(1);
    expect(user).toBeNull();
  });

  it('holds at most maxEntries tokens, and unknown tokens are neither kept nor push known ones out', async () => {
    const cache = createTokenCache(ctx.db.db, ctx.events, { maxEntries: 2 });
    const [a, b, c] = [await knownToken(), await knownToken(), await knownToken()];
    await cache.userFor(a.tokenHash);
    await cache.userFor(b.tokenHash);

    const unknown = Array.from({ length: 20 }, () => hashToken(newToken()));
    const lookUpUnknown = async () => {
      for (const tokenHash of unknown) expect(await cache.userFor(tokenHash)).toBeNull();
    };
    expect(await statementsOf(lookUpUnknown)).toBe(20);
    expect(await statementsOf(lookUpUnknown)).toBe(20);
    expect(await statementsOf(() => cache.userFor(a.tokenHash))).toBe(0);
    expect(await statementsOf(() => cache.userFor(b.tokenHash))).toBe(0);

    // A third known token pushes out the least recently used one, a.
    await cache.userFor(c.tokenHash);
    expect(await statementsOf(() => cache.userFor(b.tokenHash))).toBe(0);
    expect(await statementsOf(() => cache.userFor(c.tokenHash))).toBe(0);
    expect(await statementsOf(() => cache.userFor(a.tokenHash))).toBe(1);
  });

  it('a lookup that a revocation overtook is answered but not remembered', async () => {
    const cache = createTokenCache(ctx.db.db, ctx.events);
    const { tokenHash, userId: id } = await knownToken();
    const lookup = cache.userFor(tokenHash);
    cache.forget(tokenHash);
    // It read the row as it was before: this request may pass, later ones must look again.
    expect((await lookup)?.id).toBe(id);
    expect(await statementsOf(() => cache.userFor(tokenHash))).toBe(1);
    expect(await statementsOf(() => cache.userFor(tokenHash))).toBe(0);
  });
});
