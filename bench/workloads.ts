// The benchmark's requests: each workload as PaperGraph (GraphQL) and baseline (raw SQL) requests.
// Every request of a run is made by `next(i)`, so both targets see the same sequence.
export interface Fixtures {
  /** Signed-in users: PaperGraph token and database id (the baseline takes the id as a header). */
  users: Array<{ token: string; id: number }>;
  arxivIds: string[];
  searchQueries: string[];
  /** Cursors of the NEWEST feed, one per paper from the top: each starts a different page. */
  feedCursors: string[];
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Workload {
  id: 'T-signed' | 'T-anon' | 'W1' | 'W2' | 'W3' | 'W4';
  title: string;
  papergraph(i: number): Request;
  baseline(i: number): Request;
  /** The same query without a token, where one exists: its SQL statements are counted too. */
  anonymous?(i: number): Request;
  /** Writes: both targets continue one sequence, so the state each sees is the one the other left. */
  sharedSequence?: boolean;
  /** Where an anonymous workload runs: the cache-off process measures the request, not a cache hit. */
  cacheOff?: boolean;
}

const SUMMARY =
  'id arxivId title upvoteCount viewerHasUpvoted authors { name } organization { name fullName }';

const FEED = `{ papers(first: 20, orderBy: NEWEST) { nodes { ${SUMMARY} } } }`;
const FEED_AFTER = `query($after: String) { papers(first: 20, orderBy: NEWEST, after: $after) { nodes { ${SUMMARY} } } }`;
const PAPER = `query($id: String!) { paper(arxivId: $id) { ${SUMMARY} summary publishedAt githubRepo } }`;
const SEARCH = `query($q: String!) { search(query: $q, first: 20) { nodes { score paper { ${SUMMARY} } } } }`;
const TRIVIAL = '{ __typename }';

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

/** W1's feed page without a token: the same page every time, what the response cache serves. */
export const anonymousFeed = (): Request => graphql(FEED, {});

/** W1's feed without a token, each request a different page: a response cache miss every time
 *  while the cursors rotate over more pages than the cache holds. */
export const anonymousFeedPage = (f: Fixtures, i: number): Request =>
  graphql(FEED_AFTER, { after: f.feedCursors[i % f.feedCursors.length]! });

/** W3's search as one signed-in request, for latency measured one request at a time. */
export const searchRequest = (f: Fixtures, i: number, signedIn = true): Request =>
  graphql(
    SEARCH,
    { q: f.searchQueries[i % f.searchQueries.length]! },
    signedIn ? f.users[i % f.users.length]!.token : undefined,
  );

const SEARCH_COUNT = `query($q: String!) { search(query: $q) { totalCount totalCountIsExact } }`;

/** W3's search selecting only its totalCount, signed in (the resolver still loads the first page). */
export const searchCountRequest = (f: Fixtures, i: number): Request =>
  graphql(
    SEARCH_COUNT,
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
      id: 'T-signed',
      title: '`{ __typename }` signed in: the fixed cost of a request (Yoga, token lookup, limits)',
      papergraph: (i) => graphql(TRIVIAL, {}, user(i).token),
      // The baseline has no authentication: it takes the id header and does nothing with it.
      baseline: (i) => raw('trivial', user(i).id),
    },
    {
      id: 'T-anon',
      title: '`{ __typename }` without a token, on the process with the response cache off',
      papergraph: () => graphql(TRIVIAL, {}),
      baseline: () => raw('trivial', 0),
      cacheOff: true,
    },
    {
      id: 'W1',
      title:
        'feed: papers(first: 20, orderBy: NEWEST) with authors, organization, upvoteCount, viewerHasUpvoted, signed in',
      papergraph: (i) => graphql(FEED, {}, user(i).token),
      baseline: (i) => raw('feed', user(i).id),
      anonymous: anonymousFeed,
    },
    {
      id: 'W2',
      title: 'paper detail by arXiv id, rotating over 1,000 ids, signed in',
      papergraph: (i) => graphql(PAPER, { id: paper(i) }, user(i).token),
      baseline: (i) => raw('paper', user(i).id, { arxivId: paper(i) }),
      anonymous: (i) => graphql(PAPER, { id: paper(i) }),
    },
    {
      id: 'W3',
      title: 'search, rotating over 50 two-word queries, first 20 hits, signed in',
      papergraph: (i) => searchRequest(f, i),
      baseline: (i) => raw('search', user(i).id, { q: query(i) }),
      anonymous: (i) => searchRequest(f, i, false),
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
      sharedSequence: true,
    },
  ];
}

/** One workload by id (T-signed, T-anon, W1…W4); a clear error for an unknown one. */
export function workloadById(f: Fixtures, id: string): Workload {
  const workload = workloads(f).find((w) => w.id === id);
  if (!workload) {
    throw new Error(
      `no workload "${id}"; one of ${workloads(f)
        .map((w) => w.id)
        .join(', ')}`,
    );
  }
  return workload;
}
