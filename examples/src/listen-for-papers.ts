// Prints papers as they are added, on any server instance: `npm run listen -w examples`.
// LISTEN_COUNT=n stops after n papers; AUTHOR="Name" listens only for that author's papers.
import { createClient } from '@papergraph/sdk';
import { url } from './server-url.js';

const stopAfter = Number(process.env.LISTEN_COUNT ?? Number.POSITIVE_INFINITY);
const client = createClient({ url });
const filter = process.env.AUTHOR ? { authorName: process.env.AUTHOR } : undefined;

const stream = client.subscribe.paperAdded({ filter });
console.log(`Listening for new papers on ${url}${filter ? ` by ${filter.authorName}` : ''}…`);
let seen = 0;
for await (const { paperAdded } of stream) {
  console.log(
    `New: ${paperAdded.title} (arXiv ${paperAdded.arxivId}) by ${paperAdded.authors.map((a) => a.name).join(', ')}`,
  );
  if (++seen >= stopAfter) break; // leaving the loop closes the stream
}
await client.close();
