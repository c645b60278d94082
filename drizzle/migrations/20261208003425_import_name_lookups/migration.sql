-- The importer at scale (issue #14): name lookups that can only be btree lookups, and search vectors
-- that a set-based writer fills itself.
--
-- pg_trgm's GIN indexes answer `=` too, and on a fresh, growing table the planner served the
-- importer's `authors.name = …` from authors_name_trgm_idx: 3–6 s per batch instead of
-- milliseconds. Trigram indexes over lower(name) / lower(title) serve the case-insensitive
-- searches (written against lower(...), see drizzle/author-filter.ts) and cannot serve an
-- equality on the column itself, which is left to the unique btree.
DROP INDEX IF EXISTS "authors_name_trgm_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "authors_name_lower_trgm_idx" ON "authors" USING gin (lower("name") gin_trgm_ops);
--> statement-breakpoint
DROP INDEX IF EXISTS "papers_title_trgm_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "papers_title_lower_trgm_idx" ON "papers" USING gin (lower("title") gin_trgm_ops);
--> statement-breakpoint
-- Trigrams ignore case, so matching against lower(title) gives the same similarity and uses the index.
CREATE OR REPLACE FUNCTION papers_titled_like(words text) RETURNS SETOF integer
LANGUAGE sql STABLE SET pg_trgm.word_similarity_threshold = 0.4
AS $$ SELECT id FROM papers WHERE words <% lower(title) LIMIT 1000 $$;
--> statement-breakpoint
-- A transaction that sets papergraph.search_vectors to 'written' (set_config(…, true): for itself
-- only) writes papers.search_vector itself, set-based (drizzle/upsert-papers.ts), and the triggers
-- stand aside. Every other writer keeps them.
CREATE OR REPLACE FUNCTION papers_search_vector_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('papergraph.search_vectors', true) = 'written' THEN
    RETURN NEW;
  END IF;
  NEW.search_vector :=
    setweight(to_tsvector('english', NEW.title), 'A')
    || setweight(to_tsvector('english', NEW.summary), 'B')
    || paper_author_search_vector(NEW.id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION paper_authors_search_vector_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('papergraph.search_vectors', true) = 'written' THEN
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM refresh_paper_author_search(ARRAY(SELECT DISTINCT paper_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_paper_author_search(ARRAY(SELECT paper_id FROM new_rows UNION SELECT paper_id FROM old_rows));
  ELSE
    PERFORM refresh_paper_author_search(ARRAY(SELECT DISTINCT paper_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
