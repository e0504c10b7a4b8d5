-- Up Migration
-- Bounded ranking (docs/products/nex.md, Search): a text query ranks at most its 1 000 most
-- recently published matches. nex.artwork_search carries the publication time so those are picked
-- there, by one top-N sort over the matching ids, before any row is joined back to nex.artworks
-- under RLS or ranked.

ALTER TABLE nex.artwork_search ADD COLUMN published_at timestamptz;
UPDATE nex.artwork_search s SET published_at = a.published_at FROM nex.artworks a WHERE a.id = s.artwork_id;
ALTER TABLE nex.artwork_search ALTER COLUMN published_at SET NOT NULL;
CREATE INDEX artwork_search_recent_idx ON nex.artwork_search (published_at DESC, artwork_id DESC);
GRANT SELECT (published_at) ON nex.artworks TO yorozu_counters;

CREATE OR REPLACE FUNCTION nex.index_artwork_search() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status = 'published' THEN
        INSERT INTO nex.artwork_search (artwork_id, search_text, published_at)
        VALUES (NEW.id, NEW.search_text, NEW.published_at)
        ON CONFLICT (artwork_id) DO UPDATE SET search_text = excluded.search_text, published_at = excluded.published_at;
      ELSE
        DELETE FROM nex.artwork_search WHERE artwork_id = NEW.id;
      END IF;
      RETURN NULL;
    END
  $$;

-- Down Migration
CREATE OR REPLACE FUNCTION nex.index_artwork_search() RETURNS trigger
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
DROP INDEX nex.artwork_search_recent_idx;
ALTER TABLE nex.artwork_search DROP COLUMN published_at;
