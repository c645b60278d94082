// Tables only. Relations live in relations.ts; queries live beside the code that owns them.
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  pgView,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// Millisecond precision: a JS Date holds milliseconds, so cursors built from these
// values compare exactly against what the database stores.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** PostgreSQL's full-text document type; only SQL reads it (drizzle/paper-search.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const organizations = pgTable('organizations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  fullName: text('full_name'),
});

export const papers = pgTable(
  'papers',
  {
    id: serial('id').primaryKey(),
    arxivId: text('arxiv_id').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    publishedAt: instant('published_at').notNull(),
    addedAt: instant('added_at').notNull(),
    githubRepo: text('github_repo'),
    projectPage: text('project_page'),
    organizationId: integer('organization_id').references(() => organizations.id),
    /** Upvotes the paper had at its source (Hugging Face) when last imported. */
    sourceUpvotes: integer('source_upvotes').notNull().default(0),
    /** Upvotes made here: kept equal to its rows in `upvotes` by drizzle/upvotes.ts. */
    localUpvotes: integer('local_upvotes').notNull().default(0),
    upvoteCount: integer('upvote_count')
      .notNull()
      .generatedAlwaysAs(sql`source_upvotes + local_upvotes`),
    // Kept in step with the upvotes by the data layer (see drizzle/ranking.ts), so the
    // TRENDING feed is an index scan rather than a sort over every paper.
    trendingScore: doublePrecision('trending_score').notNull(),
    submittedById: integer('submitted_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    // Title (weight A), abstract (B) and author names (C), stemmed: what Query.search matches.
    // Written only by triggers (migration *_search_sql), never by the application: the names
    // live in other tables, and a trigger keeps it right whoever writes a paper or a byline.
    searchVector: tsvector('search_vector')
      .notNull()
      .default(sql`''::tsvector`),
  },
  (t) => [
    // Ascending (key, id) indexes: scanned backwards they serve the feeds' `DESC, id DESC`
    // orderings exactly (a `DESC NULLS LAST` index would not match drizzle's plain `desc`).
    index('papers_added_at_idx').on(t.addedAt, t.id),
    index('papers_published_at_idx').on(t.publishedAt, t.id),
    index('papers_upvote_count_idx').on(t.upvoteCount, t.id),
    index('papers_trending_score_idx').on(t.trendingScore, t.id),
    index('papers_organization_idx').on(t.organizationId),
    index('papers_submitted_by_idx').on(t.submittedById, t.addedAt),
    index('papers_search_vector_idx').using('gin', t.searchVector),
    // Also created by hand-written migrations, after pg_trgm (drizzle-kit cannot order an index
    // after CREATE EXTENSION): papers_title_lower_trgm_idx and authors_name_lower_trgm_idx, GIN
    // gin_trgm_ops indexes on lower(title) and lower(name), behind the typo-tolerant title fallback
    // and author search (the *_import_name_lookups migration says why lower()).
    check('papers_source_upvotes_non_negative', sql`${t.sourceUpvotes} >= 0`),
    check('papers_local_upvotes_non_negative', sql`${t.localUpvotes} >= 0`),
  ],
);

export const authors = pgTable('authors', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const paperAuthors = pgTable(
  'paper_authors',
  {
    paperId: integer('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => authors.id),
    // 0-based place in the paper's byline: author order matters.
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.paperId, t.position] }),
    index('paper_authors_author_idx').on(t.authorId, t.paperId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** As the user typed it; unique regardless of case. */
    username: text('username').notNull(),
    /** scrypt, with its parameters and salt: see server/auth/password.ts. */
    passwordHash: text('password_hash').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`)],
);

/** Bearer tokens, stored as SHA-256 hashes: a leaked table grants nothing. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
);

export const upvotes = pgTable(
  'upvotes',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    paperId: integer('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // One upvote per user per paper, enforced by the database.
    primaryKey({ columns: [t.userId, t.paperId] }),
    index('upvotes_paper_recent_idx').on(t.paperId, t.createdAt),
    index('upvotes_user_recent_idx').on(t.userId, t.createdAt),
  ],
);

/** Fixed-window counters for rate limits, shared by every server instance. */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').notNull(),
    windowStart: instant('window_start').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
/**
 * Pairs of people who share a byline, with how many papers they share. A view, so the drizzle
 * plugin can load Author.coAuthors as a relation (one lateral subquery for any number of
 * authors); PostgreSQL pushes the author filter into it, so it reads only that author's papers.
 */
export const coAuthorships = pgView('co_authorships', {
  authorId: integer('author_id').notNull(),
  coAuthorId: integer('co_author_id').notNull(),
  coAuthorName: text('co_author_name').notNull(),
  sharedPaperCount: integer('shared_paper_count').notNull(),
}).as(sql`
  select mine.author_id, theirs.author_id as co_author_id, co_author.name as co_author_name,
         count(distinct mine.paper_id)::int as shared_paper_count
  from paper_authors mine
  join paper_authors theirs on theirs.paper_id = mine.paper_id and theirs.author_id <> mine.author_id
  join authors co_author on co_author.id = theirs.author_id
  group by mine.author_id, theirs.author_id, co_author.name
`);
