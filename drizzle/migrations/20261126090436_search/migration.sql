ALTER TABLE "papers" ADD COLUMN "search_vector" tsvector DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "papers_search_vector_idx" ON "papers" USING gin ("search_vector");--> statement-breakpoint
CREATE VIEW "co_authorships" AS (
  select mine.author_id, theirs.author_id as co_author_id, co_author.name as co_author_name,
         count(distinct mine.paper_id)::int as shared_paper_count
  from paper_authors mine
  join paper_authors theirs on theirs.paper_id = mine.paper_id and theirs.author_id <> mine.author_id
  join authors co_author on co_author.id = theirs.author_id
  group by mine.author_id, theirs.author_id, co_author.name
);