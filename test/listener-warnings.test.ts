// Many subscribers on one instance must not look like a leak to Node: no MaxListenersExceeded
// warning however many SSE streams are open. (The event hub keeps plain sets of subscribers; it
// used one EventTarget listener per subscriber, and Node warned from the 11th.) The server runs
// in a child process: Node's warnings go to the real process, which a test file does not see.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { subscribeSse, type Subscription } from './support/subscriptions.js';

let child: ChildProcess;
let url: string;
let stderr = '';

beforeAll(async () => {
  child = fork('test/support/server-process.ts', [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  [{ url }] = (await once(child, 'message')) as [{ url: string }];
}, 30_000);

afterAll(async () => {
  const exited = once(child, 'exit');
  child.send('close');
  await exited;
});

describe('many subscribers', () => {
  it('50 SSE subscriptions of each kind raise no listener warning', async () => {
    const subscriptions: Subscription[] = [];
    try {
      for (const query of [
        'subscription { paperAdded { arxivId } }',
        'subscription { paperUpvotesChanged { arxivId upvoteCount } }',
      ]) {
        for (let i = 0; i < 50; i++) subscriptions.push(await subscribeSse(url, query));
      }
      // Node emits the warning on the tick after the 11th listener; give it time to be written.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stderr).not.toMatch(/MaxListenersExceededWarning/);
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
    }
  });
});
