// Bulk insert of new papers with their bylines and local upvotes, for large synthetic data sets:
// COPY instead of the importer's checked upsert. Papers are copied into a temporary table and
// moved into papers by one INSERT … SELECT that computes their search vectors on the way, so each
// paper row is written once (the search triggers stand aside: see search-vector.ts). Bylines and
// upvotes are copied into the real tables. Everything happens inside the caller's transaction.
// No paperAdded events: a bulk load is not news, and a million NOTIFYs would only flood listeners.
import { sql } from 'drizzle-orm';
import { copyTarget, copyText, type CopyValue } from './copy-rows.js';
import type { Database, Tx } from './db.js';
import { trendingScore, trendingScoresOf } from './ranking.js';
import { authors, organizations, paperAuthors, papers, upvotes, users } from './schema.js';
import { searchVectorOf, writeSearchVectorsInThisTransaction } from './search-vector.js';
import type { PaperInput } from './upsert-papers.js';

export interface NewPaper extends PaperInput {
  /** Local upvotes: `user` is a position in the user ids given to bulkPaperWriter. */
  votes: { user: number; at: Date }[];
}

type Organization = NonNullable<PaperInput['organization']>;

export interface WriteCounts {
  papers: number;
  bylineRows: number;
  upvotes: number;
}

const PAPER_COLUMNS = [
  'id',
  'arxivId',
  'title',
  'summary',
  'publishedAt',
  'addedAt',
  'githubRepo',
  'projectPage',
  'organizationId',
  'sourceUpvotes',
  'localUpvotes',
  'trendingScore',
] as const;

/** Where a batch's papers wait for their search vectors: papers' columns and the byline's names. */
const STAGED = 'staged_papers';
const columnNames = PAPER_COLUMNS.map((key) => papers[key].name).join(', ');

/**
 * A writer for one transaction. `organizations` lists every organization the papers may name;
 * `userIds` are the voters. From its creation until the transaction ends, other sessions cannot
 * write to papers (they wait; reads are not affected).
 */
export async function bulkPaperWriter(
  database: Database,
  tx: Tx,
  { organizations: orgs, userIds }: { organizations: readonly Organization[]; userIds: readonly number[] },
) {
  // Other sessions' writes to papers wait until this transaction ends (reads go on): that is
  // what makes reserving ids in blocks safe.
  await tx.execute(sql`lock table ${papers} in share row exclusive mode`);
  await writeSearchVectorsInThisTransaction(tx);
  await tx.execute(
    sql.raw(`create temporary table ${STAGED} on commit drop as
      select ${columnNames}, ''::text as author_names from papers with no data`),
  );
  const organizationIds = await ensureOrganizations(tx, orgs);
  const authorIds = new Map<string, number>();

  /** Inserts a batch of papers whose arXiv ids are not in the database yet. */
  return async function write(batch: NewPaper[]): Promise<WriteCounts> {
    const ids = await reservePaperIds(tx, batch.length);
    const scores = await scoresOfVoted(tx, batch, ids);
    // Rows are produced as COPY consumes them: no array of a million rows to collect.
    await database.copyRows(
      tx,
      `${STAGED} (${columnNames}, author_names)`,
      copyText(
        rowsOf(batch, (p, i) => [
          [
            ids[i]!,
            p.arxivId,
            p.title,
            p.summary,
            p.publishedAt,
            p.addedAt,
            p.githubRepo,
            p.projectPage,
            p.organization ? organizationIds.get(p.organization.name)! : null,
            p.sourceUpvotes,
            p.votes.length,
            // Without local votes, the score is the one an import stores.
            scores.get(ids[i]!) ?? trendingScore(p.addedAt, p.sourceUpvotes),
            p.authors.join(' '),
          ],
        ]),
      ),
    );
    await tx.execute(
      sql`insert into ${papers} (${sql.raw(columnNames)}, search_vector)
        select ${sql.raw(columnNames)}, ${searchVectorOf(sql`title`, sql`summary`, sql`author_names`)}
        from ${sql.identifier(STAGED)}`,
    );
    await tx.execute(sql`truncate ${sql.identifier(STAGED)}`);

    await ensureAuthors(tx, batch, authorIds);
    let bylineRows = 0;
    await database.copyRows(
      tx,
      copyTarget(paperAuthors, ['paperId', 'authorId', 'position']),
      copyText(
        rowsOf(batch, (p, i) => {
          bylineRows += p.authors.length;
          return p.authors.map((name, position) => [ids[i]!, authorIds.get(name)!, position]);
        }),
      ),
    );

    const votes = batch.reduce((sum, p) => sum + p.votes.length, 0);
    if (votes > 0) {
      await database.copyRows(
        tx,
        copyTarget(upvotes, ['userId', 'paperId', 'createdAt']),
        copyText(rowsOf(batch, (p, i) => p.votes.map((v) => [userIds[v.user]!, ids[i]!, v.at]))),
      );
    }
    return { papers: batch.length, bylineRows, upvotes: votes };
  };
}

function* rowsOf(batch: NewPaper[], rows: (paper: NewPaper, index: number) => CopyValue[][]) {
  for (let i = 0; i < batch.length; i++) yield* rows(batch[i]!, i);
}

/** Inserts the accounts that are missing (no conflict on taken names); returns ids in input order. */
export async function ensureUsers(tx: Tx, usernames: string[], passwordHash: string): Promise<number[]> {
  await tx.execute(sql`
    insert into ${users} (username, password_hash)
    select name, ${passwordHash} from unnest(${sql.param(usernames)}::text[]) as name
    on conflict do nothing`);
  const rows = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(sql`lower(${users.username}) = any(${sql.param(usernames.map((u) => u.toLowerCase()))}::text[])`);
  const ids = new Map(rows.map((r) => [r.username.toLowerCase(), r.id]));
  return usernames.map((name) => ids.get(name.toLowerCase())!);
}

/**
 * Final trending scores of the papers that have local votes, computed by the server with the
 * same arithmetic as refreshTrendingScores, so each paper row is written once.
 */
async function scoresOfVoted(tx: Tx, batch: NewPaper[], ids: number[]): Promise<Map<number, number>> {
  const voted: { id: number; addedAt: Date; sourceUpvotes: number }[] = [];
  const votes: { paperId: number; at: Date }[] = [];
  batch.forEach((p, i) => {
    if (p.votes.length === 0) return;
    voted.push({ id: ids[i]!, addedAt: p.addedAt, sourceUpvotes: p.sourceUpvotes });
    for (const vote of p.votes) votes.push({ paperId: ids[i]!, at: vote.at });
  });
  if (voted.length === 0) return new Map();
  const rows = await tx
    .select({ paperId: sql<number>`paper_id`, score: sql<number>`score` })
    .from(sql`(${trendingScoresOf(voted, votes)}) as scored`);
  return new Map(rows.map((r) => [r.paperId, Number(r.score)]));
}

/**
 * Takes `count` consecutive ids from the papers' sequence in one step (nextval per id costs
 * seconds per million). Safe only while other inserts into papers wait: see bulkPaperWriter.
 */
async function reservePaperIds(tx: Tx, count: number): Promise<number[]> {
  const sequence = sql`pg_get_serial_sequence('papers', 'id')`;
  const [row] = await tx
    .select({ last: sql<number>`setval(${sequence}, nextval(${sequence}) + ${count - 1})::int` })
    .from(sql`(values (1)) as single_row`);
  const first = row!.last - count + 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Adds the ids of the batch's author names to `known`, inserting authors that do not exist yet. */
async function ensureAuthors(tx: Tx, batch: NewPaper[], known: Map<string, number>): Promise<void> {
  const missing = new Set<string>();
  for (const p of batch) for (const name of p.authors) if (!known.has(name)) missing.add(name);
  if (missing.size === 0) return;
  const names = [...missing];
  // Names already in the database (an earlier run, or real authors) are shared, as on import.
  await tx.execute(sql`
    insert into ${authors} (name) select unnest(${sql.param(names)}::text[])
    on conflict (name) do nothing`);
  const rows = await tx
    .select({ id: authors.id, name: authors.name })
    .from(authors)
    .where(sql`${authors.name} = any(${sql.param(names)}::text[])`);
  for (const row of rows) known.set(row.name, row.id);
}

async function ensureOrganizations(tx: Tx, orgs: readonly Organization[]): Promise<Map<string, number>> {
  if (orgs.length === 0) return new Map();
  await tx.execute(sql`
    insert into ${organizations} (name, full_name)
    select * from unnest(${sql.param(orgs.map((o) => o.name))}::text[], ${sql.param(orgs.map((o) => o.fullName))}::text[])
    on conflict (name) do nothing`);
  const rows = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(sql`${organizations.name} = any(${sql.param(orgs.map((o) => o.name))}::text[])`);
  return new Map(rows.map((r) => [r.name, r.id]));
}
