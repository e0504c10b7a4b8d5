-- Up Migration
-- Fans and comments (docs/products/nex.md, Fans and Comments), shared interactions under the
-- pattern of docs/architecture.md (Visibility and shared data): the actor owns the row, counters
-- on the target move by trigger under yorozu_counters.
-- The seed's comments.user_id says both ON DELETE CASCADE and "keep the thread": the author column
-- is ON DELETE SET NULL, so a removed account's comments stay as placeholders and replies keep
-- their parent; deleting a comment is a soft delete for the same reason.

CREATE TABLE nex.fans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  creator_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (account_id, creator_id),
  CHECK (account_id <> creator_id)
);
CREATE INDEX fans_following_page_idx ON nex.fans (account_id, created_at DESC, id DESC);
CREATE INDEX fans_fans_page_idx ON nex.fans (creator_id, created_at DESC, id DESC);

ALTER TABLE nex.fans ENABLE ROW LEVEL SECURITY;
-- Fan lists are public, like the counts they add up to.
CREATE POLICY fans_read ON nex.fans FOR SELECT TO yorozu_app USING (true);
CREATE POLICY fans_insert ON nex.fans FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY fans_delete ON nex.fans FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, creator_id), DELETE ON nex.fans TO yorozu_app;

GRANT SELECT (account_id, fan_count, following_count), UPDATE (fan_count, following_count)
  ON nex.creators TO yorozu_counters;
CREATE POLICY creators_counters_read ON nex.creators FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY creators_counters_update ON nex.creators FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);

-- A fan without a creator profile has no following_count: that UPDATE then matches nothing.
CREATE FUNCTION nex.count_fan() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      row_ nex.fans := CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END;
      step bigint := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
    BEGIN
      UPDATE nex.creators SET fan_count = fan_count + step WHERE account_id = row_.creator_id;
      UPDATE nex.creators SET following_count = following_count + step WHERE account_id = row_.account_id;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_fan() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_fan() FROM PUBLIC;
CREATE TRIGGER fans_count AFTER INSERT OR DELETE ON nex.fans
  FOR EACH ROW EXECUTE FUNCTION nex.count_fan();

CREATE TABLE nex.comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  artwork_id uuid NOT NULL REFERENCES nex.artworks (id) ON DELETE CASCADE,
  account_id uuid REFERENCES platform.accounts (id) ON DELETE SET NULL,
  parent_id uuid,
  content text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 2000),
  -- A rating belongs to a review, i.e. a top-level comment; replies carry none.
  rating integer CHECK (rating BETWEEN 1 AND 5),
  is_edited boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, artwork_id),
  -- A reply is on its parent's artwork.
  FOREIGN KEY (parent_id, artwork_id) REFERENCES nex.comments (id, artwork_id) ON DELETE CASCADE,
  CHECK (parent_id IS NULL OR rating IS NULL)
);
CREATE INDEX comments_thread_page_idx ON nex.comments (artwork_id, parent_id, created_at DESC, id DESC);
CREATE INDEX comments_parent_idx ON nex.comments (parent_id);
CREATE INDEX comments_author_idx ON nex.comments (account_id);

-- The artwork's owner hides a comment on it; the author cannot undo that.
CREATE TABLE nex.comment_hides (
  comment_id uuid PRIMARY KEY REFERENCES nex.comments (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

ALTER TABLE nex.comments ENABLE ROW LEVEL SECURITY;
-- Wherever the artwork is visible (the sub-select runs under artworks_read).
CREATE POLICY comments_read ON nex.comments FOR SELECT TO yorozu_app
  USING (EXISTS (SELECT 1 FROM nex.artworks a WHERE a.id = artwork_id));
CREATE POLICY comments_insert ON nex.comments FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (SELECT 1 FROM nex.artworks a WHERE a.id = artwork_id AND a.status = 'published')
  );
CREATE POLICY comments_update ON nex.comments FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
GRANT SELECT, INSERT (artwork_id, account_id, parent_id, content, rating) ON nex.comments TO yorozu_app;
GRANT UPDATE (content, rating, is_edited, deleted_at, updated_at) ON nex.comments TO yorozu_app;

ALTER TABLE nex.comment_hides ENABLE ROW LEVEL SECURITY;
CREATE POLICY comment_hides_read ON nex.comment_hides FOR SELECT TO yorozu_app USING (true);
-- Only on a comment of one's own artwork.
CREATE POLICY comment_hides_insert ON nex.comment_hides FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (
      SELECT 1 FROM nex.comments c JOIN nex.artworks a ON a.id = c.artwork_id
      WHERE c.id = comment_id AND a.account_id = platform.current_account_id()
    )
  );
CREATE POLICY comment_hides_delete ON nex.comment_hides FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT (comment_id, account_id), DELETE ON nex.comment_hides TO yorozu_app;

-- comment_count: comments that are not deleted. A soft delete is the UPDATE that sets deleted_at.
CREATE FUNCTION nex.count_comment() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.artworks SET comment_count = comment_count + 1 WHERE id = NEW.artwork_id;
      ELSIF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        UPDATE nex.artworks SET comment_count = comment_count - 1 WHERE id = NEW.artwork_id;
      END IF;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_comment() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_comment() FROM PUBLIC;
CREATE TRIGGER comments_count AFTER INSERT OR UPDATE OF deleted_at ON nex.comments
  FOR EACH ROW EXECUTE FUNCTION nex.count_comment();

-- Down Migration
DROP TABLE nex.comment_hides;
DROP TABLE nex.comments;
DROP FUNCTION nex.count_comment();
DROP TABLE nex.fans;
DROP FUNCTION nex.count_fan();
DROP POLICY creators_counters_update ON nex.creators;
DROP POLICY creators_counters_read ON nex.creators;
REVOKE ALL ON nex.creators FROM yorozu_counters;
