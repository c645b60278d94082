// Searches papers as a search box would, matches marked: `npm run search -w examples -- "lip reading"`.
// AUTHOR="Name" keeps only papers with an author of that name; a misspelt query finds similar titles.
import { createClient, PaperGraphError } from '@papergraph/sdk';
import { url } from './server-url.js';

const query = process.argv[2] ?? 'lip reading';
const client = createClient({ url });
const filter = process.env.AUTHOR ? { author: process.env.AUTHOR } : undefined;

/** Highlights come as HTML (escaped text, matches in <mark>); a terminal shows matches as *word*. */
const forTerminal = (html: string) =>
  html
    .replace(/<\/?mark>/g, '*')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

try {
  const { search } = await client.search({ query, filter, first: 5 });
  if (search.approximate) console.log(`No paper has the words "${query}"; titles that look like them:`);
  else {
    // Large counts are estimates: say so.
    const about = search.totalCountIsExact ? '' : 'about ';
    console.log(`${about}${search.totalCount} paper(s) match "${query}", best first:`);
  }
  for (const [rank, { node }] of search.edges.entries()) {
    console.log(
      `${String(rank + 1).padStart(2)}. ${forTerminal(node.titleHighlight)} (arXiv ${node.paper.arxivId})`,
    );
    console.log(`    ${forTerminal(node.summarySnippet)}`);
  }
  if (search.pageInfo.hasNextPage)
    console.log(`…and more: ask again with after: "${search.pageInfo.endCursor}".`);
} catch (error) {
  // A blank or overlong query is refused with BAD_USER_INPUT and a message that says why.
  if (error instanceof PaperGraphError && error.code === 'BAD_USER_INPUT') {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
