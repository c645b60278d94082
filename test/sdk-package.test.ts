// The SDK as an outside app gets it: packed with `npm pack`, installed into a scratch TypeScript
// project outside the repository, type-checked strictly, and run against a live server.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';

const run = promisify(execFile);
const repo = resolve('.');
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const ctx = setupApp();
const http = serveOverHttp(() => ctx.app);
let app: string;

const TSC_FLAGS = [
  '--strict',
  '--module',
  'nodenext',
  '--moduleResolution',
  'nodenext',
  '--target',
  'es2022',
  '--lib',
  'es2022,dom',
];

const files = {
  'env.d.ts': 'declare const process: { env: Record<string, string | undefined> };\n',
  'app.ts': `import { createClient, PaperGraphError } from '@papergraph/sdk';

const client = createClient({ url: process.env.PAPERGRAPH_URL! });
const { papers } = await client.papers({ first: 5, orderBy: 'TRENDING' });
const titles: string[] = papers.edges.map((edge) => edge.node.title);
console.log(JSON.stringify({ total: papers.totalCount, titles }));

try {
  await client.upvotePaper({ arxivId: '2507.14871' });
} catch (error) {
  if (error instanceof PaperGraphError) console.log(JSON.stringify({ code: error.code }));
}

if (process.env.NEVER) {
  for await (const { paperAdded } of client.subscribe.paperAdded({ filter: { authorName: 'Ada' } })) {
    const title: string = paperAdded.title;
    console.log(title);
    break;
  }
}
`,
  'bad-field.ts': `import { createClient } from '@papergraph/sdk';
const { papers } = await createClient({ url: '' }).papers({ first: 5 });
console.log(papers.edges[0]?.node.titel);
`,
  'bad-variable.ts': `import { createClient } from '@papergraph/sdk';
await createClient({ url: '' }).papers({ first: '5' });
`,
  'bad-enum.ts': `import { createClient } from '@papergraph/sdk';
await createClient({ url: '' }).papers({ orderBy: 'HOTTEST' });
`,
};

async function typecheck(file: string) {
  try {
    await run(process.execPath, [tsc, '--noEmit', ...TSC_FLAGS, file, 'env.d.ts'], { cwd: app });
    return '';
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'papergraph-sdk-app-'));
  await run(process.execPath, [tsc, '-p', 'sdk'], { cwd: repo });
  await run('npm', ['pack', '--silent', '--pack-destination', app], { cwd: join(repo, 'sdk') });
  const tarball = (await readdir(app)).find((name) => name.endsWith('.tgz'))!;
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }),
  );
  for (const [name, text] of Object.entries(files)) await writeFile(join(app, name), text);
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`, 'graphql@16.15.0'],
    {
      cwd: app,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
}, 180_000);

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

describe('the packed SDK in a new TypeScript project', () => {
  it('type-checks strictly', async () => {
    expect(await typecheck('app.ts')).toBe('');
  }, 60_000);

  it('turns a misspelt field, a wrong variable type and an unknown enum value into compile errors', async () => {
    expect(await typecheck('bad-field.ts')).toMatch(/Property 'titel' does not exist/);
    expect(await typecheck('bad-variable.ts')).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(await typecheck('bad-enum.ts')).toMatch(/"HOTTEST"/);
  }, 60_000);

  it('runs against a live server', async () => {
    await run(process.execPath, [tsc, ...TSC_FLAGS, '--outDir', 'dist', 'app.ts', 'env.d.ts'], { cwd: app });
    const { stdout } = await run(process.execPath, ['dist/app.js'], {
      cwd: app,
      env: { ...process.env, NODE_OPTIONS: '', PAPERGRAPH_URL: http.url() },
    });
    const [feed, failure] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(feed.total).toBe(36);
    expect(feed.titles).toHaveLength(5);
    expect(failure).toEqual({ code: 'UNAUTHENTICATED' });
  }, 60_000);
});
