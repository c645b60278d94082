// Relevance on a labelled set: over the seed papers, 3,000 synthetic ones (whose titles and
// abstracts share the labelled queries' words) and a few hand-written papers, each query's
// labelled papers must come in its first 10 hits (by RELEVANCE, first page). It guards ranking
// changes made for speed: a faster search must still find what a reader would call the answer.
import { beforeAll, expect, it } from '@jest/globals';
import { upsertPapers, type PaperInput } from '../drizzle/upsert-papers.js';
import { seedSynthetic } from '../server/synthetic/seed-synthetic.js';
import { data } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const paper = (arxivId: string, title: string, summary: string, sourceUpvotes = 0): PaperInput => ({
  arxivId,
  title,
  summary,
  authors: ['Label Reader'],
  publishedAt: new Date('2026-01-05T00:00:00Z'),
  addedAt: new Date('2026-01-05T00:00:00Z'),
  sourceUpvotes,
  githubRepo: null,
  projectPage: null,
  organization: null,
});

const HAND_WRITTEN = [
  paper(
    '2601.00001',
    'Speech Recognition for Low-Resource Languages',
    'Speech recognition for languages with little transcribed speech: speech recognition that transfers.',
    120,
  ),
  paper(
    '2601.00002',
    'Robust Speech Recognition under Noise',
    'Speech recognition degrades in noise; robust speech recognition through augmentation.',
    60,
  ),
  paper(
    '2601.00003',
    'Direct Preference Optimization Revisited',
    'Direct preference optimization aligns language models; we revisit direct preference optimization.',
    80,
  ),
  paper(
    '2601.00004',
    'Mixture-of-Experts Routing at Scale',
    'A routing scheme for mixture-of-experts layers that balances load across experts.',
  ),
];

/** Query → papers that must be among its first 10 hits. */
const LABELS: Record<string, string[]> = {
  // Seed papers: the lip-reading and continual pre-training ones (see test/search.test.ts).
  'lip reading': ['2308.09311', '2503.21408', '1911.11502', '2306.03258'],
  'continual pre-training': ['2406.14833', '2407.18743', '2410.10739'],
  'speech recognition': ['2601.00001', '2601.00002'],
  'direct preference optimization': ['2601.00003'],
  'mixture-of-experts routing': ['2601.00004'],
  // A prefix, as typed.
  'mixture-of-experts rout': ['2601.00004'],
};

beforeAll(async () => {
  await seedSynthetic(ctx.db, { papers: 3_000, seed: 11, append: true });
  await upsertPapers(ctx.db.db, HAND_WRITTEN);
}, 60_000);

const firstTen = async (query: string): Promise<string[]> => {
  const { search } = await data(
    ctx.app,
    `query($query: String!) { search(query: $query, first: 10) { nodes { paper { arxivId } } } }`,
    { query },
  );
  return (search as { nodes: { paper: { arxivId: string } }[] }).nodes.map((n) => n.paper.arxivId);
};

it.each(Object.entries(LABELS))('"%s" has its labelled papers in the first 10', async (query, expected) => {
  expect(await firstTen(query)).toEqual(expect.arrayContaining(expected));
});
