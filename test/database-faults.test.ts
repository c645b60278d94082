// Real database faults against the real server: a PostgreSQL cluster of the test's own is
// restarted under load, has its listening connection killed, and is frozen (SIGSTOP), while
// clients read, upvote, submit papers and hold an SSE subscription open. The server must answer
// again within seconds without a restart, never leave a request hanging past its deadline, lose
// or double no write, and deliver every new paper to the subscriber exactly once.
// Runs in the PostgreSQL pass of the suite (DATABASE_URL set), where PostgreSQL's binaries are.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import postgres from 'postgres';
import { loadConfig } from '../server/config.js';
import { startServer, type RunningServer } from '../server/start.js';
import { postgresBinFolder, startPrivateCluster, type PrivateCluster } from './support/private-cluster.js';
import { subscribeSse, waitUntil, type Subscription } from './support/subscriptions.js';

const describeWithCluster = process.env.DATABASE_URL && postgresBinFolder() ? describe : describe.skip;

const TIMEOUTS = { statementTimeoutMs: 2_000, acquireTimeoutMs: 1_000, connectTimeoutMs: 1_000 };
/** The longest one statement may hold a request (acquire + statement + the server's grace). */
const STATEMENT_BOUND_MS = 1_000 + 2_000 + 2_000;
/** A request runs a few statements in turn (token, rate limit, the work); each has its own bound. */
const REQUEST_BOUND_MS = 2 * STATEMENT_BOUND_MS;

interface Outcome {
  ms: number;
  status: number;
  code?: string;
}

let cluster: PrivateCluster;
let server: RunningServer;
let admin: postgres.Sql;

async function post(query: string, variables: object = {}, token?: string) {
  const started = performance.now();
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  const outcome: Outcome = {
    ms: performance.now() - started,
    status: response.status,
    code: body.errors?.[0]?.extensions?.code,
  };
  return { body, outcome };
}

/** Runs `step` in `workers` loops until stopped; keeps every outcome. */
function load(workers: number, step: (worker: number) => Promise<Outcome | undefined>) {
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    while (running) {
      const outcome = await step(worker);
      if (outcome) outcomes.push(outcome);
      // A failed request is retried after a pause, as a client with backoff would.
      if (outcome && outcome.status !== 200) await sleep(100);
    }
  });
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const READ = '{ papers(first: 5, orderBy: TOP) { totalCount nodes { arxivId upvoteCount } } }';
const UPVOTE = 'mutation($id: String!) { upvotePaper(arxivId: $id) { upvoteCount } }';
const SUBMIT = 'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { arxivId } }';

let nextPaper = 0;
/** Submits a new paper and retries until it is known to be in: success, or ALREADY_EXISTS when
 *  an earlier attempt committed but its answer was lost with the connection. */
async function submitNewPaper(token: string, submitted: string[]): Promise<Outcome> {
  const arxivId = `2601.${String(++nextPaper).padStart(5, '0')}`;
  const input = {
    arxivId,
    title: `Fault ${arxivId}`,
    summary: 'S.',
    authors: ['F. Ault'],
    publishedAt: '2026-01-02T00:00:00Z',
  };
  for (;;) {
    const { outcome } = await post(SUBMIT, { input }, token);
    if (outcome.status === 200 && (!outcome.code || outcome.code === 'ALREADY_EXISTS')) {
      submitted.push(arxivId);
      return outcome;
    }
    expect(outcome).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    await sleep(100);
  }
}

async function signUp(username: string): Promise<string> {
  const { body } = await post(
    `mutation { signUp(username: "${username}", password: "long enough") { token } }`,
  );
  return body.data.signUp.token;
}

/** Every paper in `expected` arrives on `subscription` exactly once (and nothing else). */
async function expectEachOnce(subscription: Subscription, expected: string[]) {
  const received: string[] = [];
  while (received.length < expected.length) {
    received.push((await subscription.next(15_000)).data.paperAdded.arxivId);
  }
  expect(await subscription.quietFor(300)).toBe(true);
  expect([...received].sort()).toEqual([...expected].sort());
}

async function counterInvariants() {
  return admin`
    select count(*)::int as papers,
           count(*) filter (where local_upvotes <> (select count(*) from upvotes u where u.paper_id = p.id))::int as wrong_counters
    from papers p`;
}

function expectBounded(outcomes: Outcome[]) {
  for (const outcome of outcomes) {
    expect(outcome.ms).toBeLessThan(REQUEST_BOUND_MS);
    // Either an answer, or the retryable code: never a 500 or an internal error.
    if (outcome.status !== 200) expect(outcome).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    else expect([undefined, 'ALREADY_EXISTS']).toContain(outcome.code);
  }
}

/** Resolves with how long after the call the server first answered a read (signed in: not cached). */
async function recoveryTime(token: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { outcome } = await post(READ, {}, token);
    if (outcome.status === 200 && !outcome.code) return performance.now() - started;
    await sleep(50);
  }
}

describeWithCluster('database faults', () => {
  beforeAll(async () => {
    cluster = await startPrivateCluster();
    admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: cluster.url,
      RESPONSE_CACHE_TTL_MS: '60000',
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUTS.statementTimeoutMs),
      DATABASE_ACQUIRE_TIMEOUT_MS: String(TIMEOUTS.acquireTimeoutMs),
      DATABASE_CONNECT_TIMEOUT_MS: String(TIMEOUTS.connectTimeoutMs),
      SHUTDOWN_GRACE_MS: '1000',
    });
    server = await startServer(config, { listener: { heartbeatMs: 500, maxBackoffMs: 500 } });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await admin?.end({ timeout: 1 });
    await cluster?.destroy();
  });

  it('a restart under read and write load: answers again within seconds, loses and doubles nothing', async () => {
    const tokens = await Promise.all([1, 2, 3].map((n) => signUp(`restart_${n}`)));
    const subscriber = await subscribeSse(server.url, 'subscription { paperAdded { arxivId } }');
    const submitted: string[] = [];
    const { body } = await post('{ papers(first: 30) { nodes { arxivId } } }');
    const arxivIds: string[] = body.data.papers.nodes.map((p: { arxivId: string }) => p.arxivId);
    let vote = 0;
    // Signed in, so that reads reach the database rather than the anonymous response cache.
    const readers = load(3, async () => (await post(READ, {}, tokens[0])).outcome);
    const voters = load(2, async (worker) => {
      const arxivId = arxivIds[vote++ % arxivIds.length]!;
      return (await post(UPVOTE, { id: arxivId }, tokens[worker])).outcome;
    });
    const submitters = load(1, () => submitNewPaper(tokens[2]!, submitted));
    try {
      await sleep(1_000);
      const before = submitted.length;
      await cluster.stop('fast');
      // Liveness says the process is fine; readiness says the database is not, within a second.
      const base = server.url.replace('/graphql', '');
      const readyStarted = performance.now();
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      expect(performance.now() - readyStarted).toBeLessThan(1_500);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      await sleep(2_000);
      await cluster.start();
      const recovered = await recoveryTime(tokens[0]!);
      console.log(`restart: answered again ${Math.round(recovered)} ms after PostgreSQL was back`);
      expect(recovered).toBeLessThan(5_000);
      await waitUntil(() => submitted.length > before + 3, 10_000);
    } finally {
      await Promise.all([readers.stop(), voters.stop(), submitters.stop()]);
    }
    expectBounded([...readers.outcomes, ...voters.outcomes, ...submitters.outcomes]);
    expect(readers.outcomes.filter((o) => o.code === 'DATABASE_UNAVAILABLE').length).toBeGreaterThan(0);

    // Every paper submitted is there exactly once, and was announced exactly once.
    const rows = await admin`select arxiv_id from papers where arxiv_id = any(${submitted})`;
    expect(rows.map((r) => r.arxiv_id).sort()).toEqual([...submitted].sort());
    await expectEachOnce(subscriber, submitted);
    await subscriber.close();
    // Upvote counters equal their rows: no vote lost or counted twice across the restart.
    expect((await counterInvariants())[0]!.wrong_counters).toBe(0);
  }, 60_000);

  it('a killed LISTEN connection comes back; papers announced meanwhile are replayed and the cache is dropped', async () => {
    const token = await signUp('listener_kill');
    const subscriber = await subscribeSse(server.url, 'subscription { paperAdded { arxivId } }');
    const upvotes = await subscribeSse(
      server.url,
      'subscription { paperUpvotesChanged(arxivIds: ["2507.14871"]) { arxivId upvoteCount } }',
    );
    const count = async () => (await post('{ papers { totalCount } }')).body.data.papers.totalCount as number;
    const submitted: string[] = [];
    await submitNewPaper(token, submitted);
    const cached = await count();

    const [listening] =
      await admin`select pid from pg_stat_activity where application_name = 'papergraph-listener'`;
    await admin`select pg_terminate_backend(${listening!.pid})`;
    // Straight away, before the listener is back: these NOTIFYs reach nobody on this instance.
    await admin`insert into papers (arxiv_id, title, summary, published_at, added_at, trending_score)
                values ('2601.90001', 'Unheard', 'S.', now(), now(), 0)`;
    await admin`select pg_notify('papergraph_events', json_build_object('topic', 'paperAdded', 'ids', array[currval('papers_id_seq')])::text)`;
    submitted.push('2601.90001');

    await expectEachOnce(subscriber, submitted);
    await subscriber.close();
    // Upvotes may have changed unheard too: a subscriber to listed papers gets their counts again.
    const [paper] = await admin`select upvote_count from papers where arxiv_id = '2507.14871'`;
    expect((await upvotes.next(5_000)).data.paperUpvotesChanged).toEqual({
      arxivId: '2507.14871',
      upvoteCount: paper!.upvote_count,
    });
    await upvotes.close();
    const [listener] =
      await admin`select count(*)::int as n from pg_stat_activity where application_name = 'papergraph-listener'`;
    expect(listener!.n).toBe(1);
    // The anonymous answer cached before the kill no longer counts the paper it did not hear of.
    expect(await count()).toBe(cached + 1);
  }, 30_000);

  it('a frozen server (SIGSTOP) longer than a deadline: requests fail within it, then all is well again', async () => {
    const token = await signUp('frozen');
    const subscriber = await subscribeSse(server.url, 'subscription { paperAdded { arxivId } }');
    const submitted: string[] = [];
    await submitNewPaper(token, submitted);
    const readers = load(3, async () => (await post(READ, {}, token)).outcome);
    try {
      await sleep(500);
      cluster.pause();
      await sleep(STATEMENT_BOUND_MS + 1_000);
      cluster.resume();
      const recovered = await recoveryTime(token);
      console.log(
        `frozen for ${STATEMENT_BOUND_MS + 1_000} ms: answered again ${Math.round(recovered)} ms after it was resumed`,
      );
      expect(recovered).toBeLessThan(5_000);
    } finally {
      cluster.resume();
      await readers.stop();
    }
    expectBounded(readers.outcomes);
    expect(readers.outcomes.filter((o) => o.code === 'DATABASE_UNAVAILABLE').length).toBeGreaterThan(0);
    await submitNewPaper(token, submitted);
    await expectEachOnce(subscriber, submitted);
    await subscriber.close();
  }, 60_000);
});
