-- Up Migration
-- The folded search text of published artworks, in a table without row-level security
-- (docs/products/nex.md, Search; bench/README.md, Nex search). Under the artworks' RLS policy,
-- PostgreSQL may not evaluate a non-leakproof operator such as LIKE before the policy's qual, so
-- the trigram index on nex.artworks went unused. This table holds only what is public anyway (the
-- text of published artworks), so it needs no policy; its index serves LIKE, and the matching ids
-- are joined back to nex.artworks under RLS. A trigger owned by yorozu_counters keeps it.

CREATE TABLE nex.artwork_search (
  artwork_id uuid PRIMARY KEY REFERENCES nex.artworks (id) ON DELETE CASCADE,
  search_text text NOT NULL
);
CREATE INDEX artwork_search_text_idx ON nex.artwork_search USING gin (search_text public.gin_trgm_ops);
INSERT INTO nex.artwork_search (artwork_id, search_text)
SELECT id, search_text FROM nex.artworks WHERE status = 'published';
GRANT SELECT ON nex.artwork_search TO yorozu_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON nex.artwork_search TO yorozu_counters;
GRANT SELECT (status, search_text) ON nex.artworks TO yorozu_counters;
DROP INDEX nex.artworks_search_idx;

CREATE FUNCTION nex.index_artwork_search() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status = 'published' THEN
        INSERT INTO nex.artwork_search (artwork_id, search_text) VALUES (NEW.id, NEW.search_text)
        ON CONFLICT (artwork_id) DO UPDATE SET search_text = excluded.search_text;
      ELSE
        DELETE FROM nex.artwork_search WHERE artwork_id = NEW.id;
      END IF;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.index_artwork_search() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.index_artwork_search() FROM PUBLIC;
CREATE TRIGGER artworks_search AFTER INSERT OR UPDATE OF status, search_text ON nex.artworks
  FOR EACH ROW EXECUTE FUNCTION nex.index_artwork_search();

-- Down Migration
DROP TRIGGER artworks_search ON nex.artworks;
DROP FUNCTION nex.index_artwork_search();
DROP TABLE nex.artwork_search;
CREATE INDEX artworks_search_idx ON nex.artworks USING gin (search_text public.gin_trgm_ops)
  WHERE status = 'published';
