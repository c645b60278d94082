// The seed file, read independently of the importer, so tests can compute what to expect.
import { readFileSync } from 'node:fs';
import { seedFile } from '../../server/seed.js';

interface SeedEntry {
  paper: {
    id: string;
    title: string;
    summary: string;
    publishedAt: string;
    upvotes: number;
    authors: { name: string }[];
    organization?: { name: string; fullname?: string };
  };
}

export const seedPapers = (JSON.parse(readFileSync(seedFile, 'utf8')) as SeedEntry[]).map((e) => e.paper);
