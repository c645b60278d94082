import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalTeardown() {
  rmSync(join(tmpdir(), `papergraph-test-template-${process.env.PAPERGRAPH_TEST_RUN}.tar`), { force: true });
  if (process.env.DATABASE_URL) {
    execFileSync(process.execPath, ['--import', 'tsx', 'test/support/build-template.ts', '--drop'], {
      stdio: 'inherit',
    });
  }
}
