// Prints the top of the TRENDING feed: `npm run feed -w examples`.
import { createClient } from '@papergraph/sdk';
import { url } from './server-url.js';

const client = createClient({ url });
const { papers } = await client.papers({ first: 10, orderBy: 'TRENDING' });

const about = papers.totalCountIsExact ? '' : 'about ';
console.log(`Trending on PaperGraph (${about}${papers.totalCount} papers in all)\n`);
for (const [rank, { node }] of papers.edges.entries()) {
  const authors = node.authors.map((author) => author.name);
  const byline = authors.length > 3 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ');
  console.log(`${String(rank + 1).padStart(2)}. ${node.title}`);
  console.log(`    ${byline} · ▲ ${node.upvoteCount} · ${node.url}`);
}
