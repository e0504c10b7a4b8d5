-- Up Migration
-- Views (docs/products/nex.md, Views): a view is an INSERT into a buffer, never an UPDATE of the
-- artwork's hot row; a scheduled task (nex.views.flush) moves the buffer into view_count in
-- batches, one UPDATE per artwork per batch.

CREATE TABLE nex.artwork_views (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  artwork_id uuid NOT NULL REFERENCES nex.artworks (id) ON DELETE CASCADE,
  viewed_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE nex.artwork_views ENABLE ROW LEVEL SECURITY;
-- Anyone, anonymous included, may record a view of a published artwork; nobody reads the buffer.
CREATE POLICY artwork_views_insert ON nex.artwork_views FOR INSERT TO yorozu_app
  WITH CHECK (EXISTS (SELECT 1 FROM nex.artworks a WHERE a.id = artwork_id AND a.status = 'published'));
GRANT INSERT (artwork_id) ON nex.artwork_views TO yorozu_app;

CREATE POLICY artwork_views_counters ON nex.artwork_views TO yorozu_counters USING (true) WITH CHECK (true);
-- UPDATE because the flush locks the rows it takes (FOR UPDATE SKIP LOCKED).
GRANT SELECT, UPDATE, DELETE ON nex.artwork_views TO yorozu_counters;

-- Moves up to `batch` buffered views into view_count; SKIP LOCKED lets overlapping runs split the
-- rows. Returns how many views it moved.
CREATE FUNCTION nex.flush_views(batch integer) RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    WITH taken AS (
      SELECT id FROM nex.artwork_views ORDER BY viewed_at LIMIT batch FOR UPDATE SKIP LOCKED
    ), moved AS (
      DELETE FROM nex.artwork_views v USING taken WHERE v.id = taken.id RETURNING v.artwork_id
    ), counted AS (
      SELECT artwork_id, count(*) AS views FROM moved GROUP BY artwork_id
    ), updated AS (
      UPDATE nex.artworks a SET view_count = a.view_count + counted.views FROM counted
      WHERE a.id = counted.artwork_id
      RETURNING 1
    )
    SELECT count(*)::integer FROM moved
  $$;
ALTER FUNCTION nex.flush_views(integer) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.flush_views(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.flush_views(integer) TO yorozu_app;

-- popular_artworks of the original design: 0.4·likes + 0.3·views + 0.3·comments, kept ×10 as an integer.
CREATE INDEX artworks_popular_idx ON nex.artworks
  ((4 * like_count + 3 * view_count + 3 * comment_count) DESC, created_at DESC, id DESC) WHERE status = 'published';

-- Down Migration
DROP INDEX nex.artworks_popular_idx;
DROP FUNCTION nex.flush_views(integer);
DROP TABLE nex.artwork_views;
