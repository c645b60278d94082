// The SDK as an outside app gets it: packed with `npm pack` from sources never built (its prepack
// builds it), installed into a scratch TypeScript project outside the repository, type-checked
// strictly, and run against a live server, imported as ESM and required from CommonJS.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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
let packed: string[]; // the tarball's files

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
  'require.cjs': `const { createClient, PaperGraphError } = require('@papergraph/sdk');
const client = createClient({ url: process.env.PAPERGRAPH_URL });
client.papers({ first: 2 }).then(({ papers }) => console.log(JSON.stringify({ total: papers.totalCount, ok: typeof PaperGraphError })));
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

/** The SDK package as a fresh checkout has it: sources, no dist/; the repository's node_modules
 *  beside it, so its prepack finds TypeScript and the typings, as in the workspace. */
async function stageUnbuiltSdk(): Promise<string> {
  const stage = await mkdtemp(join(tmpdir(), 'papergraph-sdk-stage-'));
  const sdk = join(stage, 'sdk');
  await mkdir(sdk);
  for (const name of ['package.json', 'tsconfig.json', 'README.md', 'src'])
    await cp(join(repo, 'sdk', name), join(sdk, name), { recursive: true });
  await symlink(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
  return stage;
}

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'papergraph-sdk-app-'));
  const stage = await stageUnbuiltSdk();
  try {
    await run('npm', ['pack', '--silent', '--pack-destination', app], {
      cwd: join(stage, 'sdk'),
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  const tarball = (await readdir(app)).find((name) => name.endsWith('.tgz'))!;
  packed = (await run('tar', ['tzf', tarball], { cwd: app })).stdout
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''));
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

describe('the packed SDK', () => {
  it('is built by its prepack: packing sources that were never built ships dist/', () => {
    expect(packed).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/client.js']));
  });

  it('ships the sources its source maps point to', async () => {
    const maps = packed.filter((path) => path.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const installed = join(app, 'node_modules/@papergraph/sdk');
    for (const map of maps) {
      const { sources } = JSON.parse(await readFile(join(installed, map), 'utf8')) as { sources: string[] };
      for (const source of sources) expect(packed).toContain(join(map, '..', source));
    }
  });
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

  // require() of an ES module: Node.js 20.19+, 22.12+ and 24 (process.features.require_module);
  // older 20.x and 22.x need --experimental-require-module. The SDK has no top-level await.
  it('is required from CommonJS', async () => {
    const env = { ...process.env, NODE_OPTIONS: '', PAPERGRAPH_URL: http.url() };
    const supported = (process.features as { require_module?: boolean }).require_module === true;
    const flags = supported ? [] : ['--experimental-require-module'];
    const { stdout } = await run(process.execPath, [...flags, 'require.cjs'], { cwd: app, env });
    expect(JSON.parse(stdout)).toEqual({ total: 36, ok: 'function' });
  }, 60_000);
});
