-- The typo-tolerant fallback ranks at most 1,000 similar titles. Short, common words ("when does")
-- share trigrams with a large share of all titles; ranking every one of them took seconds at a
-- million papers.
CREATE OR REPLACE FUNCTION papers_titled_like(words text) RETURNS SETOF integer
LANGUAGE sql STABLE SET pg_trgm.word_similarity_threshold = 0.4
AS $$ SELECT id FROM papers WHERE words <% title LIMIT 1000 $$;
