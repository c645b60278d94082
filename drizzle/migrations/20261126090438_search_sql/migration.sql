-- Search, the part drizzle-kit cannot express: the pg_trgm extension and its indexes, the
-- typo-tolerant title lookup, and the triggers that keep papers.search_vector right (drizzle/schema.ts
-- declares the column, its GIN index and the co_authorships view).
--
-- Why triggers rather than maintenance in drizzle/upsert-papers.ts: the vector includes author
-- names, which live in paper_authors and authors. A trigger on each table keeps it right for
-- every writer (the importer, future mutations, a hand-run SQL fix), at the price of recomputing
-- a paper's vector inside the statement that changes it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "papers_title_trgm_idx" ON "papers" USING gin ("title" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "authors_name_trgm_idx" ON "authors" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
-- Typo-tolerant title match for search's fallback: ids of papers with a stretch of title similar to
-- `words` (pg_trgm word similarity of at least 0.4; "contnual pretraning" finds "Continual
-- Pre-training" at 0.48). The operator's threshold is a setting, so the function sets it for its own
-- duration only; the query inside still uses papers_title_trgm_idx.
CREATE FUNCTION papers_titled_like(words text) RETURNS SETOF integer
LANGUAGE sql STABLE SET pg_trgm.word_similarity_threshold = 0.4
AS $$ SELECT id FROM papers WHERE words <% title $$;
--> statement-breakpoint
-- Author names in byline order, weighted C: a name search finds the paper, below title and abstract.
CREATE FUNCTION paper_author_search_vector(p_paper_id integer) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', coalesce(string_agg(a.name, ' ' ORDER BY pa.position), '')), 'C')
  FROM paper_authors pa JOIN authors a ON a.id = pa.author_id
  WHERE pa.paper_id = p_paper_id
$$;
--> statement-breakpoint
-- A new or edited title or abstract: the whole vector again.
CREATE FUNCTION papers_search_vector_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', NEW.title), 'A')
    || setweight(to_tsvector('english', NEW.summary), 'B')
    || paper_author_search_vector(NEW.id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER papers_search_vector
BEFORE INSERT OR UPDATE OF title, summary ON papers
FOR EACH ROW EXECUTE FUNCTION papers_search_vector_trigger();
--> statement-breakpoint
-- The author part of these papers' vectors again, keeping their title and abstract lexemes
-- (weights A and B). An array of ids, so the plan is index lookups however many rows changed.
CREATE FUNCTION refresh_paper_author_search(paper_ids integer[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE papers p SET search_vector = ts_filter(p.search_vector, '{a,b}') || paper_author_search_vector(p.id)
  WHERE p.id = ANY (paper_ids)
$$;
--> statement-breakpoint
-- A byline changed: its papers, once per statement, so a bulk import updates each paper once.
CREATE FUNCTION paper_authors_search_vector_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_paper_author_search(ARRAY(SELECT DISTINCT paper_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_paper_author_search(ARRAY(SELECT paper_id FROM new_rows UNION SELECT paper_id FROM old_rows));
  ELSE
    PERFORM refresh_paper_author_search(ARRAY(SELECT DISTINCT paper_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER paper_authors_search_vector_insert
AFTER INSERT ON paper_authors REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION paper_authors_search_vector_trigger();
--> statement-breakpoint
CREATE TRIGGER paper_authors_search_vector_update
AFTER UPDATE ON paper_authors REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION paper_authors_search_vector_trigger();
--> statement-breakpoint
CREATE TRIGGER paper_authors_search_vector_delete
AFTER DELETE ON paper_authors REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION paper_authors_search_vector_trigger();
--> statement-breakpoint
-- A renamed author: the papers they are on. (A trigger with transition tables cannot name columns,
-- hence the comparison of old and new names.)
CREATE FUNCTION authors_search_vector_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_paper_author_search(ARRAY(
    SELECT DISTINCT pa.paper_id FROM paper_authors pa
    JOIN new_rows n ON n.id = pa.author_id JOIN old_rows o ON o.id = n.id
    WHERE n.name IS DISTINCT FROM o.name
  ));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER authors_search_vector_rename
AFTER UPDATE ON authors REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION authors_search_vector_trigger();
--> statement-breakpoint
-- Papers that existed before this migration.
UPDATE papers SET title = title;
