// `npm run check:import-memory`: proves that `npm run import` streams. Writes a large daily-papers
// JSON file and a large arXiv Atom file (synthetic papers, in a temp folder, deleted afterwards),
// imports each with the real CLI into a scratch database, and samples the importer's peak resident
// memory (VmHWM). A small file is imported first as the baseline: flat memory means the large
// file peaks about where the small one does, and under the bound whatever its size. Then a
// hostile file of each format: valid records around one huge record (JSON: a 50 MB deeply nested
// element and a 50 MB string; Atom: a 50 MB entry), which must be skipped and reported, the
// others imported, under the same bound.
//
//   npm run check:import-memory -- [--mb 200] [--hostile-mb 50] [--max-rss-mb 300] [--format json|atom|both]
//
// With DATABASE_URL set, a scratch database is created on that server and dropped afterwards;
// otherwise the import goes to an embedded PGlite database in the temp folder.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { withDatabase } from '../drizzle/db.js';
import { filePaper, paperAsAtomEntry, paperAsJson, runImportCli, writePaperFile } from './import-files.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    'hostile-mb': { type: 'string', default: '50' },
    'max-rss-mb': { type: 'string', default: '300' },
    format: { type: 'string', default: 'both' },
  },
});
const targetBytes = Number(values.mb) * 1_000_000;
const hostileBytes = Number(values['hostile-mb']) * 1_000_000;
const maxRssMb = Number(values['max-rss-mb']);
const formats =
  values.format === 'both' ? (['json', 'atom'] as const) : ([values.format] as ('json' | 'atom')[]);

/**
 * Writes valid records around hostile ones of about `bytes` each, in pieces (the writer holds no
 * more than a megabyte); returns how many records the file holds and how many are hostile.
 */
async function writeHostileFile(path: string, format: 'json' | 'atom', bytes: number, firstPaper: number) {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const repeat = async (piece: string, total: number) => {
    const block = piece.repeat(Math.max(1, Math.floor(1_000_000 / piece.length)));
    for (let written = 0; written < total; written += block.length) await write(block);
    return Math.ceil(total / block.length) * Math.floor(block.length / piece.length);
  };
  const paper = (n: number) => filePaper(firstPaper + n);
  if (format === 'json') {
    await write(`[\n${paperAsJson(paper(0))},\n`);
    const levels = await repeat('[', bytes / 2);
    await repeat(']', levels); // the same count: a well-formed element, nested `levels` deep
    await write(`,\n${paperAsJson(paper(1))},\n{"paper": {"summary": "`);
    await repeat('many words ', bytes);
    await write(`"}},\n${paperAsJson(paper(2))}\n]\n`);
    out.end();
    await once(out, 'finish');
    return { records: 5, hostile: 2 };
  }
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n');
  await write(paperAsAtomEntry(paper(0)));
  await write(paperAsAtomEntry(paper(1)).replace('</entry>', ''));
  await repeat('    <author><name>Many Authors</name></author>\n', bytes);
  await write('  </entry>\n');
  await write(paperAsAtomEntry(paper(2)));
  await write('</feed>\n');
  out.end();
  await once(out, 'finish');
  return { records: 3, hostile: 1 };
}

const dir = await mkdtemp(join(tmpdir(), 'papergraph-memory-'));
const serverUrl = process.env.DATABASE_URL;
const scratch = `papergraph_memory_${process.pid}`;
const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : null;
let failed = false;
try {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: join(dir, 'db') };
  if (admin && serverUrl) {
    await admin.unsafe(`create database ${scratch}`);
    env.DATABASE_URL = withDatabase(serverUrl, scratch);
  } else {
    delete env.DATABASE_URL;
  }
  console.log(
    `Database: ${admin ? `scratch database ${scratch} on DATABASE_URL's server` : 'PGlite in a temp folder'}`,
  );

  let nextPaper = 0;
  for (const format of formats) {
    const runs = [];
    for (const bytes of [2_000_000, targetBytes]) {
      const file = join(dir, `papers-${bytes}.${format === 'json' ? 'json' : 'atom.xml'}`);
      const records = await writePaperFile(file, format, { bytes }, nextPaper);
      nextPaper += records;
      const size = (await stat(file)).size;
      const run = await runImportCli(file, env);
      runs.push(run);
      console.log(
        `${format.padEnd(4)} ${(size / 1e6).toFixed(0).padStart(5)} MB, ${records.toLocaleString('en-US').padStart(9)} records: ` +
          `peak RSS ${run.peakMb.toFixed(0).padStart(4)} MB, ${run.seconds.toFixed(1)} s ` +
          `(${Math.round(records / run.seconds).toLocaleString('en-US')} records/s, ${(size / 1e6 / run.seconds).toFixed(1)} MB/s)`,
      );
      await rm(file);
    }
    const [small, large] = runs as [(typeof runs)[number], (typeof runs)[number]];
    const ok = large.peakMb < maxRssMb;
    failed ||= !ok;
    console.log(
      `${format.padEnd(4)} ${ok ? 'OK' : 'FAIL'}: peak ${large.peakMb.toFixed(0)} MB for the large file ` +
        `(bound ${maxRssMb} MB; ${(large.peakMb - small.peakMb).toFixed(0)} MB above the 2 MB file's peak).`,
    );

    const file = join(dir, `hostile.${format === 'json' ? 'json' : 'atom.xml'}`);
    const { records, hostile } = await writeHostileFile(file, format, hostileBytes, nextPaper);
    nextPaper += records;
    const size = (await stat(file)).size;
    const run = await runImportCli(file, env, 1); // exit 1: the hostile records are reported
    await rm(file);
    const reported = run.errors.split('\n').filter((line) => /^record \d+: (larger|nested)/.test(line));
    const imported = run.summary.includes(`${records} records — ${records - hostile} added`);
    const hostileOk = run.peakMb < maxRssMb && reported.length === hostile && imported;
    failed ||= !hostileOk;
    console.log(
      `${format.padEnd(4)} ${hostileOk ? 'OK' : 'FAIL'}: hostile file of ${(size / 1e6).toFixed(0)} MB, peak ${run.peakMb.toFixed(0)} MB; ` +
        `${reported.length} of ${hostile} hostile records reported, the ${records - hostile} others ${imported ? '' : 'NOT '}imported.`,
    );
    for (const line of reported) console.log(`     ${line}`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  if (admin) {
    await admin.unsafe(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}
process.exitCode = failed ? 1 : 0;
