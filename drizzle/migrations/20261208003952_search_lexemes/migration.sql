-- Prefix search without GIN's partial match. Search matches the word being typed as a prefix
-- ('benchmark':*). For a prefix, the GIN index reads the whole posting list of every lexeme that
-- starts with it into a bitmap, and cannot skip through it: at a million papers, "graphcoder
-- benchmark" took 40–160 ms in the index where 'graphcod' & 'benchmark' takes 3 ms. Spelled out as
-- the lexemes that exist ('benchmark' | 'benchmarks' …), the index intersects posting lists and
-- skips. search_lexemes lists every lexeme any paper's search_vector holds, for that spelling out.
CREATE TABLE "search_lexemes" ("lexeme" text COLLATE "C" PRIMARY KEY);
--> statement-breakpoint
-- New vectors' lexemes, once per statement: a bulk load adds each new lexeme once. Lexemes are
-- never removed: one no paper holds any more only adds a term that matches nothing.
CREATE FUNCTION search_lexemes_insert_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_lexemes
  SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM new_rows
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An UPDATE trigger with transition tables cannot name columns, so it skips rows whose vector did
-- not change (upvotes and scores update papers far more often than text does).
CREATE FUNCTION search_lexemes_update_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_lexemes
  SELECT DISTINCT unnest(tsvector_to_array(n.search_vector))
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.search_vector <> o.search_vector
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER papers_search_lexemes_insert
AFTER INSERT ON papers REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_insert_trigger();
--> statement-breakpoint
CREATE TRIGGER papers_search_lexemes_update
AFTER UPDATE ON papers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_update_trigger();
--> statement-breakpoint
-- `query` with its prefix operand `prefix` (one lexeme, as to_tsquery gives 'benchmark':*) spelled
-- out as the OR of the lexemes in search_lexemes that start with it: the same papers match. Left
-- as it is when the spelling out would not be exact or not pay: `prefix` is not one prefix lexeme,
-- its lexeme also occurs elsewhere in `query` (ts_rewrite would replace that occurrence too), or
-- no or more than 64 lexemes start with it (a short prefix: GIN's partial match reads the same).
--
-- IMMUTABLE although it reads a table, so that the planner folds it into a constant before
-- planning: it then estimates from the lexemes' statistics (few matches: the index; many: walk
-- the newest papers) as it does for a plain query. Safe because search statements are planned
-- for their values each time (planForValues in drizzle/db.ts): no plan keeps an old spelling.
CREATE FUNCTION search_prefix_expanded(query tsquery, prefix tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH operand AS (
    SELECT replace(replace((regexp_match(prefix::text, '^''(.*)'':\*$'))[1], '''''', ''''), '\\', '\') AS lexeme
    WHERE numnode(prefix) = 1
  ), lexeme AS (
    SELECT lexeme, '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''' AS quoted FROM operand
    WHERE lexeme IS NOT NULL
  ), exact AS (
    -- The prefix read back, and the only occurrence of its lexeme in the query.
    SELECT lexeme, quoted FROM lexeme
    WHERE (quoted || ':*')::tsquery = prefix
      AND (length(query::text) - length(replace(query::text, quoted, ''))) = length(quoted)
  ), completions AS (
    SELECT string_agg('''' || replace(replace(c.lexeme, '\', '\\'), '''', '''''') || '''', ' | ') AS spelled,
           count(*) AS n
    FROM exact, LATERAL (
      SELECT s.lexeme FROM search_lexemes s
      WHERE s.lexeme >= exact.lexeme AND s.lexeme < exact.lexeme || chr(1114111)
        AND starts_with(s.lexeme, exact.lexeme)
      LIMIT 65
    ) c
  )
  SELECT CASE WHEN n BETWEEN 1 AND 64 THEN ts_rewrite(query, prefix, spelled::tsquery) ELSE query END
  FROM completions
$$;
--> statement-breakpoint
-- Papers that existed before this migration.
INSERT INTO search_lexemes
SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM papers
ON CONFLICT DO NOTHING;
