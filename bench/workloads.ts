// The four benchmark workloads, each as PaperGraph (GraphQL) and baseline (raw SQL) requests.
// Every request of a run is made by `next(i)`, so both targets see the same sequence.
export interface Fixtures {
  /** Signed-in users: PaperGraph token and database id (the baseline takes the id as a header). */
  users: Array<{ token: string; id: number }>;
  arxivIds: string[];
  searchQueries: string[];
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Workload {
  id: 'W1' | 'W2' | 'W3' | 'W4';
  title: string;
  papergraph(i: number): Request;
  baseline(i: number): Request;
}

const SUMMARY =
  'id arxivId title upvoteCount viewerHasUpvoted authors { name } organization { name fullName }';

const FEED = `{ papers(first: 20, orderBy: NEWEST) { nodes { ${SUMMARY} } } }`;

const graphql = (query: string, variables: object, token?: string): Request => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify({ query, variables }),
});
const raw = (path: string, userId: number, params: Record<string, string> = {}): Request => ({
  method: 'GET',
  path: `/${path}?${new URLSearchParams(params)}`,
  headers: { 'x-user-id': String(userId) },
});

/** W1's feed page without a token: what the anonymous response cache serves. */
export const anonymousFeed = (): Request => graphql(FEED, {});

/** W3's search as one signed-in request, for latency measured one request at a time. */
export const searchRequest = (f: Fixtures, i: number): Request =>
  graphql(
    `query($q: String!) { search(query: $q, first: 20) { nodes { score paper { ${SUMMARY} } } } }`,
    { q: f.searchQueries[i % f.searchQueries.length]! },
    f.users[i % f.users.length]!.token,
  );

export function workloads(f: Fixtures): Workload[] {
  const user = (i: number) => f.users[i % f.users.length]!;
  const paper = (i: number) => f.arxivIds[i % f.arxivIds.length]!;
  const query = (i: number) => f.searchQueries[i % f.searchQueries.length]!;
  // W4: user u works through the papers, upvoting on even rounds and removing on odd ones, so the
  // table neither fills up nor empties and both targets do the same writes.
  const vote = (i: number) => {
    const u = i % f.users.length;
    const round = Math.floor(i / f.users.length);
    return {
      user: f.users[u]!,
      arxivId: f.arxivIds[Math.floor(round / 2) % f.arxivIds.length]!,
      add: round % 2 === 0,
    };
  };
  return [
    {
      id: 'W1',
      title:
        'feed: papers(first: 20, orderBy: NEWEST) with authors, organization, upvoteCount, viewerHasUpvoted, signed in',
      papergraph: (i) => graphql(FEED, {}, user(i).token),
      baseline: (i) => raw('feed', user(i).id),
    },
    {
      id: 'W2',
      title: 'paper detail by arXiv id, rotating over 1,000 ids',
      papergraph: (i) =>
        graphql(
          `query($id: String!) { paper(arxivId: $id) { ${SUMMARY} summary publishedAt githubRepo } }`,
          { id: paper(i) },
          user(i).token,
        ),
      baseline: (i) => raw('paper', user(i).id, { arxivId: paper(i) }),
    },
    {
      id: 'W3',
      title: 'search, rotating over 50 two-word queries, first 20 hits',
      papergraph: (i) => searchRequest(f, i),
      baseline: (i) => raw('search', user(i).id, { q: query(i) }),
    },
    {
      id: 'W4',
      title: 'upvote / remove-upvote mutations by many users',
      papergraph: (i) => {
        const v = vote(i);
        const field = v.add ? 'upvotePaper' : 'removeUpvote';
        return graphql(
          `mutation($id: String!) { ${field}(arxivId: $id) { upvoteCount } }`,
          { id: v.arxivId },
          v.user.token,
        );
      },
      baseline: (i) => {
        const v = vote(i);
        return raw('vote', v.user.id, { arxivId: v.arxivId, action: v.add ? 'add' : 'remove' });
      },
    },
  ];
}
