// The programs in examples/ run as an outside app would (`npm run <name> -w examples`), against a
// live server.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { createClient } from '../sdk/src/index.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';
import { waitUntil } from './support/subscriptions.js';

const ctx = setupApp();
const http = serveOverHttp(() => ctx.app);
const env = () => ({ ...process.env, NODE_OPTIONS: '', PAPERGRAPH_URL: http.url() });
const example = (name: string, ...args: string[]) =>
  promisify(execFile)('npm', ['run', '-s', name, '-w', 'examples', '--', ...args], { env: env() });

describe('examples', () => {
  it('feed prints the trending papers', async () => {
    const { stdout } = await example('feed');
    expect(stdout).toContain('Trending on PaperGraph (36 papers in all)');
    expect(stdout.match(/^\s*\d+\. /gm)).toHaveLength(10);
  }, 30_000);

  it("author lists an author's papers through pagination", async () => {
    const { stdout } = await example('author', 'Ronit');
    expect(stdout).toContain('Ronit D. Gross: 1 paper(s)');
    expect(stdout).toContain('- Tiny language models (2025-07-20, arXiv 2507.14871)');
  }, 30_000);

  it('search prints the best matches with the matched words marked, and similar titles for a typo', async () => {
    const { stdout } = await example('search', 'lip reading');
    expect(stdout).toMatch(/^\d+ paper\(s\) match "lip reading", best first:$/m);
    expect(stdout.match(/^\s*\d+\. .*\*(lip|reading)\*.*\(arXiv \d{4}\.\d{5}\)$/gim)).toHaveLength(4);

    const typo = await example('search', 'contnual pretraning');
    expect(typo.stdout).toContain(
      'No paper has the words "contnual pretraning"; titles that look like them:',
    );
    expect(typo.stdout).toMatch(/Continual Pre-training/i);
  }, 30_000);

  it('search explains a refused query and exits with 1', async () => {
    const refused = await example('search', '   ').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/query/i);
  }, 30_000);

  it('upvote signs up, upvotes and undoes it', async () => {
    const { stdout } = await example('upvote');
    expect(stdout).toMatch(/Signed up as reader-/);
    expect(stdout).toMatch(/Upvoted 2507\.14871: ▲ 1 \(viewerHasUpvoted: true\)/);
    expect(stdout).toContain('My upvotes: Tiny language models');
    expect(stdout).toContain('Removed it: ▲ 0');
  }, 30_000);

  it('listen prints a paper submitted while it listens, then exits', async () => {
    const before = ctx.events.subscriberCount();
    const child = spawn('npm', ['run', '-s', 'listen', '-w', 'examples'], {
      env: { ...env(), LISTEN_COUNT: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await waitUntil(() => ctx.events.subscriberCount() > before, 20_000); // it is subscribed

    const writer = createClient({ url: http.url() });
    writer.setToken(
      (await writer.signUp({ username: 'example-writer', password: 'long enough password' })).signUp.token,
    );
    await writer.submitPaper({
      input: {
        arxivId: '2512.40001',
        title: 'Heard by the example',
        summary: 'S.',
        authors: ['Ex Ample'],
        publishedAt: '2025-12-04T00:00:00Z',
      },
    });
    expect(await exited).toBe(0);
    expect(output).toContain('New: Heard by the example (arXiv 2512.40001) by Ex Ample');
  }, 30_000);
});
