// `npm run generate:check`: fails when the committed SDK files differ from what codegen makes now,
// or when a root field or argument of the schema has no SDK operation (see coverage.ts).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, parse } from 'graphql';
import config from '../../codegen.js';
import { uncoveredRootFields } from './coverage.js';

const OPERATIONS = 'sdk/operations';
let failed = false;

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
  failed = true;
}

const schema = buildSchema(await readFile(config.schema as string, 'utf8'));
const files = (await readdir(OPERATIONS)).filter((name) => name.endsWith('.graphql'));
const documents = await Promise.all(
  files.map(async (name) => parse(await readFile(join(OPERATIONS, name), 'utf8'))),
);
const uncovered = uncoveredRootFields(schema, documents);
if (uncovered.length > 0) {
  console.error(
    [
      'The SDK has no operation for these root fields and arguments of schema/schema.graphql:',
      ...uncovered.map((name) => `  ${name}`),
      `Use each in an operation in ${OPERATIONS}/*.graphql (arguments as variables), run \`npm run generate\`,`,
      'and list the new method in sdk/README.md.',
    ].join('\n'),
  );
  failed = true;
}

if (failed) process.exit(1);
console.log('The generated SDK files are up to date, and cover every root field and argument.');
