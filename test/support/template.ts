// One migrated, seeded database per test run; every test file starts from a copy of it.
// PGlite: a dump of the data folder (loading it takes ~1 s, a fresh initdb ~5 s).
// PostgreSQL: a template database that CREATE DATABASE ... TEMPLATE clones in milliseconds.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const templateDumpPath = join(
  tmpdir(),
  `papergraph-test-template-${process.env.PAPERGRAPH_TEST_RUN ?? 'x'}.tar`,
);
export const templateDbName = () => `papergraph_template_${process.env.PAPERGRAPH_TEST_RUN}`;
