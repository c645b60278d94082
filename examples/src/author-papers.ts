// Finds an author by name prefix and lists all their papers, page by page:
// `npm run author -w examples -- "Ido K"`.
import { createClient } from '@papergraph/sdk';
import { url } from './server-url.js';

const prefix = process.argv[2] ?? 'Ido';
const client = createClient({ url });

const { authors } = await client.authors({ nameStartsWith: prefix, first: 5 });
const author = authors.edges[0]?.node;
if (!author) {
  console.log(`No author's name starts with "${prefix}".`);
  process.exit(0);
}
console.log(`${author.name}: ${author.paperCount} paper(s)`);
// paginate follows the cursors, two papers per request here, until the connection ends.
for await (const paper of client.paginate.author({ id: author.id, first: 2 })) {
  console.log(`- ${paper.title} (${paper.publishedAt.slice(0, 10)}, arXiv ${paper.arxivId})`);
}
