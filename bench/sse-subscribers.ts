// A process of SSE subscribers for the fan-out workload (bench/fan-out.ts starts it): opens
// SUBSCRIBERS streams of SUBSCRIPTION to URL, then tells its parent when each paper reached each
// stream. A process of its own, so that the clients' work is not counted as the server's.
// Messages from the parent: { count: arxivId } → { count } (streams that have it so far);
// { arrivals: arxivId } → { arrivals: number[] (epoch ms, one per stream), duplicates }.
import { Agent, request } from 'node:http';

const url = new URL(process.env.URL!);
const subscribers = Number(process.env.SUBSCRIBERS);
const query = process.env.SUBSCRIPTION!;
/** Streams opened at once: a burst of 10,000 connects would overflow the server's accept queue. */
const OPENING_AT_ONCE = 200;

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const arrivals = new Map<string, number[]>();
let duplicates = 0;
const now = () => performance.timeOrigin + performance.now();

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const seen = new Set<string>();
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}?query=${encodeURIComponent(query)}`,
        headers: { accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`subscription answered ${res.statusCode}`));
        res.setEncoding('utf8');
        let pending = '';
        res.on('data', (chunk: string) => {
          const at = now();
          pending += chunk;
          // Only whole events: the id is read from each complete `data:` line.
          const end = pending.lastIndexOf('\n\n');
          if (end < 0) return;
          for (const match of pending.slice(0, end).matchAll(/"arxivId":"([^"]+)"/g)) {
            const arxivId = match[1]!;
            if (seen.has(arxivId)) duplicates++;
            seen.add(arxivId);
            let times = arrivals.get(arxivId);
            if (!times) arrivals.set(arxivId, (times = []));
            times.push(at);
          }
          pending = pending.slice(end + 2);
        });
        resolve();
      },
    );
    req.on('error', reject);
    req.end();
  });
}

for (let opened = 0; opened < subscribers; opened += OPENING_AT_ONCE) {
  await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, subscribers - opened) }, open));
}
process.send!({ ready: subscribers });
process.on('message', (message: { count?: string; arrivals?: string }) => {
  if (message.count !== undefined) process.send!({ count: arrivals.get(message.count)?.length ?? 0 });
  if (message.arrivals !== undefined)
    process.send!({ arrivals: arrivals.get(message.arrivals) ?? [], duplicates });
});
