// `npm run generate:check`: fails when the committed SDK files differ from what codegen makes now.
import { readFile } from 'node:fs/promises';
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen.js';

const outputs = (await generate({ ...config, silent: true }, false)) as Array<{
  filename: string;
  content: string;
}>;
const stale: string[] = [];
for (const { filename, content } of outputs) {
  const committed = await readFile(filename, 'utf8').catch(() => '');
  if (committed !== content) stale.push(filename);
}
if (stale.length > 0) {
  console.error(
    `Stale generated SDK files: ${stale.join(', ')}. Run \`npm run generate\` and commit the result.`,
  );
  process.exit(1);
}
console.log('The generated SDK files are up to date.');
