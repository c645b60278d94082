// The fan-out workload: SUBSCRIBERS SSE streams of paperAdded on one server process; a paper is
// submitted and the clock runs until the last stream has it. Meanwhile a few clients keep reading
// the feed: their latency shows whether delivering the event stalls everyone else.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

export interface FanOutResult {
  subscribers: number;
  rounds: number;
  /** From sending the mutation to each stream's copy of the event, over every round. */
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  deliveryMaxMs: number;
  /** Reads sent while the events were being delivered. */
  readP50Ms: number;
  readP99Ms: number;
  /** The same reads with no event in flight. */
  idleReadP99Ms: number;
  /** The first event (not among the rounds): code paths still cold, the last stream's copy. */
  coldLastMs: number;
  /** Streams that got an event twice, or not at all. */
  duplicates: number;
  missing: number;
}

/** The subscription every stream holds: what a paper-feed app would select. */
const SUBSCRIPTION = 'subscription { paperAdded { arxivId title addedAt authors { name } } }';
/** What the readers send while events are delivered (also one of the snapshotted responses). */
export const READ = JSON.stringify({
  query: '{ papers(first: 10) { nodes { arxivId title upvoteCount } } }',
});
const READERS = 4;

export async function measureFanOut(options: {
  url: string;
  token: string;
  subscribers: number;
  rounds: number;
  progress?: (line: string) => void;
}): Promise<FanOutResult> {
  const { url, token, subscribers, rounds } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sse-subscribers.ts'], {
    env: { ...process.env, NODE_OPTIONS: '', URL: url, SUBSCRIBERS: String(subscribers), SUBSCRIPTION },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const started = performance.now();
    await nextMessage(child);
    options.progress?.(`${subscribers} streams open in ${Math.round(performance.now() - started)} ms`);
    const idleReads = await readWhile(url, sleep(2_000));
    const deliveries: number[] = [];
    const reads: number[] = [];
    let missing = 0;
    let duplicates = 0;
    let coldLastMs = 0;
    // Round 0 warms the process up (the first event runs code not yet optimised): reported apart.
    for (let round = 0; round <= rounds; round++) {
      const arxivId = `8999.${String(Date.now() % 100_000).padStart(5, '0')}`;
      const submittedAt = performance.timeOrigin + performance.now();
      const delivered = (async () => {
        await submit(url, token, arxivId);
        return waitForAll(child, arxivId, subscribers);
      })();
      const roundReads = await readWhile(url, delivered);
      const report = await delivered;
      const times = report.arrivals;
      const lastMs = Math.round(Math.max(...times) - submittedAt);
      missing += subscribers - times.length;
      duplicates = report.duplicates;
      options.progress?.(
        `${round === 0 ? 'warm-up' : `round ${round}`}: last of ${times.length} streams after ${lastMs} ms`,
      );
      if (round === 0) coldLastMs = lastMs;
      else {
        deliveries.push(...times.map((at) => at - submittedAt));
        reads.push(...roundReads);
      }
      await sleep(500);
    }
    return {
      subscribers,
      rounds,
      deliveryP50Ms: percentile(deliveries, 0.5),
      deliveryP99Ms: percentile(deliveries, 0.99),
      deliveryMaxMs: percentile(deliveries, 1),
      readP50Ms: percentile(reads, 0.5),
      readP99Ms: percentile(reads, 0.99),
      idleReadP99Ms: percentile(idleReads, 0.99),
      coldLastMs,
      duplicates,
      missing,
    };
  } finally {
    child.kill();
  }
}

type Arrivals = { arrivals: number[]; duplicates: number };

async function nextMessage<T>(child: ReturnType<typeof spawn>): Promise<T> {
  if (child.exitCode !== null) throw new Error('the subscriber process exited');
  const [message] = (await once(child, 'message')) as [T];
  return message;
}

/** Asks the subscriber process every 50 ms until every stream has the paper (30 s at most),
 *  then for the arrival times. */
async function waitForAll(child: ReturnType<typeof spawn>, arxivId: string, subscribers: number) {
  const deadline = performance.now() + 30_000;
  for (;;) {
    child.send({ count: arxivId });
    const { count } = await nextMessage<{ count: number }>(child);
    if (count >= subscribers || performance.now() > deadline) break;
    await sleep(50);
  }
  child.send({ arrivals: arxivId });
  return nextMessage<Arrivals>(child);
}

async function submit(url: string, token: string, arxivId: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { arxivId } }',
      variables: {
        input: {
          arxivId,
          title: `Fan-out ${arxivId}`,
          summary: 'S.',
          authors: ['F. Out'],
          publishedAt: '2026-01-01T00:00:00Z',
        },
      },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`submitPaper failed: ${JSON.stringify(body.errors)}`);
}

/** READERS clients reading one after another until `until` settles; their latencies in ms. */
async function readWhile(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => {});
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (!done) {
        const started = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: READ,
        });
        await response.text();
        times.push(performance.now() - started);
      }
    }),
  );
  await until;
  return times;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]! * 10) / 10;
}
