// Jest loads global setup outside its ESM pipeline, so the TypeScript work runs in a tsx child.
import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  process.env.PAPERGRAPH_TEST_RUN = String(process.pid);
  process.env.NODE_ENV = 'test';
  execFileSync(process.execPath, ['--import', 'tsx', 'test/support/build-template.ts'], { stdio: 'inherit' });
}
