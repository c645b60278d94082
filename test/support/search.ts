// What a search finds through the API, for tests that check which papers the words reach.
import type { App } from '../../server/yoga.js';
import { data } from './graphql.js';

/** arXiv ids of the papers full text finds for `query`, best first; [] when only the typo fallback answers. */
export async function fullTextMatches(app: App, query: string): Promise<string[]> {
  const { search } = await data(
    app,
    `query($query: String!) { search(query: $query) { approximate nodes { paper { arxivId } } } }`,
    { query },
  );
  const result = search as { approximate: boolean; nodes: { paper: { arxivId: string } }[] };
  return result.approximate ? [] : result.nodes.map((n) => n.paper.arxivId);
}
