// The raw-SQL limit PaperGraph is measured against: a minimal Node HTTP server that answers each
// benchmark workload with ONE hand-written SQL statement through postgres.js (none for the trivial
// endpoint), returning the same JSON PaperGraph returns. No GraphQL, no auth lookup (the user id
// comes in a header), no limits, and no request body to read (GET with query parameters).
import { createServer } from 'node:http';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
// Search statements unprepared, so PostgreSQL plans each for its words, as PaperGraph does.
const unprepared = postgres(process.env.DATABASE_URL!, { max: 10, prepare: false, onnotice: () => {} });

const summary = (userId: number, db = sql) => db`
  p.id, p.arxiv_id as "arxivId", p.title, p.upvote_count as "upvoteCount",
  exists (select 1 from upvotes u where u.paper_id = p.id and u.user_id = ${userId}) as "viewerHasUpvoted",
  (select coalesce(json_agg(json_build_object('name', a.name) order by pa.position), '[]')
     from paper_authors pa join authors a on a.id = pa.author_id where pa.paper_id = p.id) as authors,
  (select json_build_object('name', o.name, 'fullName', o.full_name) from organizations o where o.id = p.organization_id) as organization`;

const workloads: Record<string, (params: URLSearchParams, userId: number) => Promise<unknown>> = {
  // T: what `{ __typename }` answers, with no statement. There is no token to check here: the
  // signed-in variant sends a user id header that, as everywhere in this server, costs nothing.
  async trivial() {
    return { __typename: 'Query' };
  },
  // W1: the NEWEST feed, 20 papers, as a signed-in user.
  async feed(_params, userId) {
    const [row] = await sql`select coalesce(json_agg(t), '[]') as nodes from (
      select ${summary(userId)} from papers p order by p.added_at desc, p.id desc limit 20) t`;
    return { papers: { nodes: row!.nodes } };
  },
  // W2: one paper's page.
  async paper(params, userId) {
    const [row] = await sql`select (select row_to_json(t) from (
      select ${summary(userId)}, p.summary, p.published_at as "publishedAt", p.github_repo as "githubRepo"
      from papers p where p.arxiv_id = ${params.get('arxivId')!}) t) as paper`;
    return { paper: row!.paper };
  },
  // W3: the first 20 search hits by relevance, ranked among the 1,000 matches added last, as in PaperGraph.
  async search(params, userId) {
    const q = params.get('q')!;
    const [row] = await unprepared`select coalesce(json_agg(t), '[]') as nodes from (
      select ${summary(userId, unprepared)}, ts_rank_cd(p.search_vector, websearch_to_tsquery('english', ${q})) as score
      from papers p where p.id = any(array(
        select id from papers where search_vector @@ websearch_to_tsquery('english', ${q})
        order by id desc limit 1000))
      order by score desc, p.id desc limit 20) t`;
    return { search: { nodes: row!.nodes } };
  },
  // W4: add or remove an upvote, keeping the counter in step, in one statement.
  async vote(params, userId) {
    const arxivId = params.get('arxivId')!;
    const [row] =
      params.get('action') === 'add'
        ? await sql`with paper as (select id from papers where arxiv_id = ${arxivId}),
            added as (insert into upvotes (user_id, paper_id) select ${userId}, id from paper on conflict do nothing returning paper_id)
            update papers set local_upvotes = local_upvotes + 1 where id in (select paper_id from added)
            returning upvote_count as "upvoteCount"`
        : await sql`with removed as (delete from upvotes where user_id = ${userId}
              and paper_id = (select id from papers where arxiv_id = ${arxivId}) returning paper_id)
            update papers set local_upvotes = local_upvotes - 1 where id in (select paper_id from removed)
            returning upvote_count as "upvoteCount"`;
    return { vote: { upvoteCount: row?.upvoteCount ?? null } };
  },
};

const server = createServer(async (request, response) => {
  const url = new URL(request.url!, 'http://localhost');
  const workload = workloads[url.pathname.slice(1)];
  if (!workload) {
    response.writeHead(404).end();
    return;
  }
  try {
    const data = await workload(url.searchParams, Number(request.headers['x-user-id'] ?? 0));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  } catch (error) {
    response
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: String(error) }));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
  console.log(`baseline listening on ${process.env.PORT}`),
);
process.on('SIGTERM', () =>
  server.close(() => Promise.all([sql.end(), unprepared.end()]).then(() => process.exit(0))),
);
