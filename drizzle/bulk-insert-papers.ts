// Bulk insert of new papers with their bylines and local upvotes, for large synthetic data sets:
// COPY into the real tables (so generated columns, constraints and any triggers apply) instead of
// the importer's checked upsert. Everything happens inside the caller's transaction.
// No paperAdded events: a bulk load is not news, and a million NOTIFYs would only flood listeners.
import { sql } from 'drizzle-orm';
import { copyTarget, copyText, type CopyValue } from './copy-rows.js';
import type { Database, Tx } from './db.js';
import { refreshTrendingScores, trendingScore } from './ranking.js';
import { authors, organizations, paperAuthors, papers, upvotes, users } from './schema.js';
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

/**
 * A writer for one transaction. `organizations` lists every organization the papers may name
 * (their ids must be known while paper rows stream out); `userIds` are the voters.
 */
export async function bulkPaperWriter(
  database: Database,
  tx: Tx,
  { organizations: orgs, userIds }: { organizations: readonly Organization[]; userIds: readonly number[] },
) {
  const organizationIds = await ensureOrganizations(tx, orgs);
  const authorIds = new Map<string, number>();
  let firstId: number | undefined;

  return {
    /**
     * Inserts `count` papers whose arXiv ids are not in the database yet. `papers` is read
     * lazily while their rows stream to the server, so producing the next paper overlaps with
     * the server storing the previous ones.
     */
    async write(count: number, batch: Iterable<NewPaper>): Promise<WriteCounts> {
      const ids = await reservePaperIds(tx, count);
      firstId ??= ids[0];
      const bylines: { id: number; names: string[] }[] = [];
      const voteRows: CopyValue[][] = [];

      function* paperRows(): Generator<CopyValue[]> {
        let i = 0;
        for (const p of batch) {
          const id = ids[i++];
          if (id === undefined) throw new Error(`more than the ${count} papers announced`);
          bylines.push({ id, names: p.authors });
          for (const vote of p.votes) voteRows.push([userIds[vote.user]!, id, vote.at]);
          yield [
            id,
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
            // Exact for papers without local votes; finish() rescores the others.
            trendingScore(p.addedAt, p.sourceUpvotes),
          ];
        }
      }
      await database.copyRows(tx, copyTarget(papers, PAPER_COLUMNS), copyText(paperRows()));

      await ensureAuthors(
        tx,
        bylines.flatMap((b) => b.names),
        authorIds,
      );
      const bylineRows = bylines.flatMap(({ id, names }) =>
        names.map((name, position): CopyValue[] => [id, authorIds.get(name)!, position]),
      );
      await database.copyRows(
        tx,
        copyTarget(paperAuthors, ['paperId', 'authorId', 'position']),
        copyText(bylineRows),
      );
      if (voteRows.length > 0) {
        await database.copyRows(
          tx,
          copyTarget(upvotes, ['userId', 'paperId', 'createdAt']),
          copyText(voteRows),
        );
      }
      return { papers: bylines.length, bylineRows: bylineRows.length, upvotes: voteRows.length };
    },

    /** Rescores the papers with local upvotes, with the same SQL as a live upvote. Call once, last. */
    async finish(): Promise<void> {
      if (firstId === undefined) return;
      // Ids come from the sequence, so every paper written has id ≥ firstId. Rescoring a paper
      // someone else added meanwhile is harmless: the score is a function of its rows.
      await tx.execute(
        refreshTrendingScores(
          sql`select ${papers.id} from ${papers} where ${papers.id} >= ${firstId} and ${papers.localUpvotes} > 0`,
        ),
      );
    },
  };
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

/** Takes `count` ids from the papers' sequence, so bylines and upvotes can be written by id. */
async function reservePaperIds(tx: Tx, count: number): Promise<number[]> {
  const rows = await tx
    .select({ id: sql<number>`nextval(pg_get_serial_sequence('papers', 'id'))::int` })
    .from(sql`generate_series(1, ${count})`);
  return rows.map((r) => r.id);
}

/** Adds the ids of `names` to `known`, inserting authors that do not exist yet. */
async function ensureAuthors(tx: Tx, names: string[], known: Map<string, number>): Promise<void> {
  const missing = [...new Set(names)].filter((name) => !known.has(name));
  if (missing.length === 0) return;
  // Names already in the database (an earlier run, or real authors) are shared, as on import.
  await tx.execute(sql`
    insert into ${authors} (name) select unnest(${sql.param(missing)}::text[])
    on conflict (name) do nothing`);
  const rows = await tx
    .select({ id: authors.id, name: authors.name })
    .from(authors)
    .where(sql`${authors.name} = any(${sql.param(missing)}::text[])`);
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
