// Paper files for measuring `npm run import`: synthetic papers written as a daily-papers JSON file
// or an arXiv Atom feed, and the import CLI run on one as a child process, with its peak memory.
// Used by check-import-memory.ts and import-throughput.ts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { NewPaper } from '../drizzle/bulk-insert-papers.js';
import { syntheticPaper } from '../server/synthetic/synthetic-papers.js';

export type PaperFileFormat = 'json' | 'atom';

const generator = {
  seed: 42,
  authors: 200_000,
  users: 1,
  from: new Date('2021-01-01T00:00:00Z'),
  to: new Date('2026-01-01T00:00:00Z'),
};

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot' }[c]};`);

export const paperAsJson = (p: NewPaper) =>
  JSON.stringify({
    paper: {
      id: p.arxivId,
      title: p.title,
      summary: p.summary,
      authors: p.authors.map((name) => ({ name })),
      publishedAt: p.publishedAt.toISOString(),
      submittedOnDailyAt: p.addedAt.toISOString(),
      upvotes: p.sourceUpvotes,
      githubRepo: p.githubRepo ?? undefined,
      organization: p.organization
        ? { name: p.organization.name, fullname: p.organization.fullName }
        : undefined,
    },
  });

export const paperAsAtomEntry = (p: NewPaper) => `  <entry>
    <id>http://arxiv.org/abs/${p.arxivId}v1</id>
    <updated>${p.publishedAt.toISOString()}</updated>
    <published>${p.publishedAt.toISOString()}</published>
    <title>${escapeXml(p.title)}</title>
    <summary>${escapeXml(p.summary)}</summary>
${p.authors.map((name) => `    <author><name>${escapeXml(name)}</name></author>`).join('\n')}
    <link href="http://arxiv.org/abs/${p.arxivId}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${p.arxivId}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
`;

/** Synthetic paper number `n` (from 0), the same in every run. */
export const filePaper = (n: number) => syntheticPaper(n, generator);

/**
 * Writes papers `firstPaper`, `firstPaper + 1`, … until the file reaches `size.bytes` or holds
 * `size.records`; returns how many records it holds.
 */
export async function writePaperFile(
  path: string,
  format: PaperFileFormat,
  size: { bytes: number } | { records: number },
  firstPaper: number,
) {
  const more = (written: number, n: number) => ('bytes' in size ? written < size.bytes : n < size.records);
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let written = 0;
  let n = 0;
  await write(
    format === 'json'
      ? '[\n'
      : '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
  );
  while (more(written, n)) {
    const paper = filePaper(firstPaper + n);
    const text = format === 'json' ? `${n > 0 ? ',\n' : ''}${paperAsJson(paper)}` : paperAsAtomEntry(paper);
    written += Buffer.byteLength(text);
    await write(text);
    n++;
  }
  await write(format === 'json' ? '\n]\n' : '</feed>\n');
  out.end();
  await once(out, 'finish');
  return n;
}

/** Runs the import CLI on `file`; returns its peak resident memory (MB), seconds and output. */
export async function runImportCli(file: string, env: NodeJS.ProcessEnv, expectedCode = 0) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', file], {
    env: { ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let peakKb = 0;
  const sample = async () => {
    try {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has just exited
    }
  };
  const timer = setInterval(sample, 100);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(timer);
  if (code !== expectedCode) throw new Error(`import of ${file} exited with ${code}:\n${stdout}\n${stderr}`);
  return {
    peakMb: peakKb / 1024,
    seconds: (performance.now() - started) / 1000,
    summary: stdout.trim(),
    errors: stderr.trim(),
  };
}
