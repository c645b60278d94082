// What the workloads draw on: users signed up through the API, arXiv ids spread over the papers,
// two-word search queries from real titles, and feed cursors. Deterministic for a given database
// (tokens aside), so the response snapshots see the same requests each time.
import { sql } from 'drizzle-orm';
import type { Database } from '../drizzle/db.js';
import { decodeIdOf } from '../schema/global-id.js';
import type { Fixtures } from './workloads.js';

export interface FixtureSizes {
  users: number;
  arxivIds: number;
  searchQueries: number;
  feedCursors: number;
}

export async function makeFixtures(url: string, database: Database, sizes: FixtureSizes): Promise<Fixtures> {
  const users: Fixtures['users'] = [];
  for (let n = 0; n < sizes.users; n++) {
    // Logged in when a run on a reused bench database signed the user up already.
    const account = await signUpOrLogIn(url, `bench-${n}`);
    users.push({ token: account.token, id: decodeIdOf('User', account.user.id) });
  }
  const [{ papers } = { papers: 0 }] = await database.rows<{ papers: number }>(
    sql`select count(*)::int as papers from papers`,
  );
  const spread = Math.max(1, Math.floor(papers / sizes.arxivIds));
  const ids = await database.rows<{ arxiv_id: string }>(
    sql`select arxiv_id from papers where id % ${spread} = 0 order by id limit ${sizes.arxivIds}`,
  );
  return {
    users,
    arxivIds: ids.map((r) => r.arxiv_id),
    searchQueries: await searchQueries(database, sizes.searchQueries),
    feedCursors: await feedCursors(url, sizes.feedCursors),
  };
}

/** Two-word queries from the first two long words of titles spread over the papers. */
export async function searchQueries(database: Pick<Database, 'rows'>, count: number): Promise<string[]> {
  const titles = await database.rows<{ title: string }>(
    sql`select title from papers where id % 997 = 0 order by id limit 400`,
  );
  const queries = new Set<string>();
  for (const { title } of titles) {
    const words = title
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 4);
    if (words.length >= 2) queries.add(`${words[0]} ${words[1]}`);
    if (queries.size === count) break;
  }
  return [...queries];
}

interface FeedPage {
  papers: { edges: Array<{ cursor: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } };
}

/** The cursor of each of the first `count` papers of the NEWEST feed, read 100 at a time. */
async function feedCursors(url: string, count: number): Promise<string[]> {
  const cursors: string[] = [];
  let after: string | null = null;
  while (cursors.length < count) {
    const page: FeedPage = await post<FeedPage>(
      url,
      `query($after: String) { papers(first: 100, orderBy: NEWEST, after: $after) {
        edges { cursor } pageInfo { endCursor hasNextPage } } }`,
      { after },
    );
    cursors.push(...page.papers.edges.map((e) => e.cursor));
    if (!page.papers.pageInfo.hasNextPage) break;
    after = page.papers.pageInfo.endCursor;
  }
  return cursors.slice(0, count);
}
interface Account {
  token: string;
  user: { id: string };
}

async function signUpOrLogIn(url: string, username: string): Promise<Account> {
  const credentials = `username: "${username}", password: "benchmark password"`;
  try {
    const { signUp } = await post<{ signUp: Account }>(
      url,
      `mutation { signUp(${credentials}) { token user { id } } }`,
    );
    return signUp;
  } catch (error) {
    if (!String(error).includes('ALREADY_EXISTS')) throw error;
    const { logIn } = await post<{ logIn: Account }>(
      url,
      `mutation { logIn(${credentials}) { token user { id } } }`,
    );
    return logIn;
  }
}

async function post<T>(url: string, query: string, variables: object = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`fixture request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
