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
    sourceUpvotes: integer('source_upvotes').notNull().default(0),
    // Kept in step with the upvotes by the data layer (see drizzle/ranking.ts), so the
    // TRENDING feed is an index scan rather than a sort over every paper.
    trendingScore: doublePrecision('trending_score').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // Ascending (key, id) indexes: scanned backwards they serve the feeds' `DESC, id DESC`
    // orderings exactly (a `DESC NULLS LAST` index would not match drizzle's plain `desc`).
    index('papers_added_at_idx').on(t.addedAt, t.id),
    index('papers_published_at_idx').on(t.publishedAt, t.id),
    index('papers_source_upvotes_idx').on(t.sourceUpvotes, t.id),
    index('papers_trending_score_idx').on(t.trendingScore, t.id),
    index('papers_organization_idx').on(t.organizationId),
    check('papers_source_upvotes_non_negative', sql`${t.sourceUpvotes} >= 0`),
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
