// Tables only. Relations live in relations.ts; queries live beside the code that owns them.
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// Millisecond precision: a JS Date holds milliseconds, so cursors built from these
// values compare exactly against what the database stores.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

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
