-- Up Migration
-- Likes (docs/products/nex.md, Likes): the shared interaction on artworks
-- (docs/architecture.md, Visibility and shared data). The liker owns the row; the artwork's owner
-- may read it; like_count on the artwork is moved by a trigger owned by yorozu_counters, never by
-- the service role.

CREATE TABLE nex.likes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  artwork_id uuid NOT NULL REFERENCES nex.artworks (id) ON DELETE CASCADE,
  -- The artwork's owner, copied at insert time so the read policy and "likes received" need no join.
  artwork_owner_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (account_id, artwork_id),
  FOREIGN KEY (artwork_id, artwork_owner_id) REFERENCES nex.artworks (id, account_id) ON DELETE CASCADE,
  CHECK (account_id <> artwork_owner_id)
);
CREATE INDEX likes_given_page_idx ON nex.likes (account_id, created_at DESC, id DESC);
CREATE INDEX likes_received_page_idx ON nex.likes (artwork_owner_id, created_at DESC, id DESC);
CREATE INDEX likes_artwork_idx ON nex.likes (artwork_id);

ALTER TABLE nex.likes ENABLE ROW LEVEL SECURITY;
CREATE POLICY likes_read ON nex.likes FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR artwork_owner_id = platform.current_account_id());
-- Only as oneself, only on a published artwork of someone else (the sub-select runs under artworks_read).
CREATE POLICY likes_insert ON nex.likes FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (
      SELECT 1 FROM nex.artworks a
      WHERE a.id = artwork_id AND a.account_id = artwork_owner_id AND a.status = 'published'
    )
  );
CREATE POLICY likes_delete ON nex.likes FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, artwork_id, artwork_owner_id), DELETE ON nex.likes TO yorozu_app;

-- The counters' role: the three counters of any artwork, and nothing else.
GRANT SELECT (id, like_count, comment_count, view_count), UPDATE (like_count, comment_count, view_count)
  ON nex.artworks TO yorozu_counters;
CREATE POLICY artworks_counters_read ON nex.artworks FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY artworks_counters_update ON nex.artworks FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);

CREATE FUNCTION nex.count_like() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.artworks SET like_count = like_count + 1 WHERE id = NEW.artwork_id;
      ELSE
        UPDATE nex.artworks SET like_count = like_count - 1 WHERE id = OLD.artwork_id;
      END IF;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_like() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_like() FROM PUBLIC;
CREATE TRIGGER likes_count AFTER INSERT OR DELETE ON nex.likes
  FOR EACH ROW EXECUTE FUNCTION nex.count_like();

-- Down Migration
DROP TABLE nex.likes;
DROP FUNCTION nex.count_like();
DROP POLICY artworks_counters_update ON nex.artworks;
DROP POLICY artworks_counters_read ON nex.artworks;
REVOKE ALL ON nex.artworks FROM yorozu_counters;
