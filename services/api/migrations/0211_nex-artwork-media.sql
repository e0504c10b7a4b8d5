-- Up Migration
-- Artwork media (docs/products/nex.md, Media): a generated preview for image media, and the
-- media readable by anyone while the artwork is published, through the kernel's file shares
-- (docs/architecture.md, File visibility). A published artwork shares its preview with anyone;
-- a free one shares its media file too, while a paid one keeps it private (for buyers, shared one
-- reader at a time by the commerce part). The shares follow every insert, update and delete of
-- the artwork, as the profile avatar's do (migrations/0051): archiving, unpublishing, replacing
-- the media or deleting the artwork withdraws them. The trigger runs as the caller (no SECURITY
-- DEFINER), so the shares' policies still apply: only the owner's own files are shared.

ALTER TABLE nex.artworks
  ADD COLUMN preview_file_id uuid REFERENCES platform.files (id) ON DELETE SET NULL;
GRANT INSERT (preview_file_id), UPDATE (preview_file_id) ON nex.artworks TO yorozu_app;

CREATE FUNCTION nex.share_artwork_media() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      DELETE FROM platform.file_shares
      WHERE account_id = OLD.account_id AND reader_id IS NULL AND reason = 'nex.artwork:' || OLD.id::text;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
      INSERT INTO platform.file_shares (account_id, file_id, reader_id, reason)
      SELECT NEW.account_id, f.id, NULL, 'nex.artwork:' || NEW.id::text
      FROM platform.files f
      WHERE f.account_id = NEW.account_id
        AND (f.id = NEW.preview_file_id OR (NEW.is_free AND f.id = NEW.file_id))
      ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER artworks_share_media
  AFTER INSERT OR DELETE OR UPDATE OF status, file_id, preview_file_id, is_free ON nex.artworks
  FOR EACH ROW EXECUTE FUNCTION nex.share_artwork_media();

-- Free artworks published before this migration.
INSERT INTO platform.file_shares (account_id, file_id, reader_id, reason)
SELECT a.account_id, a.file_id, NULL, 'nex.artwork:' || a.id::text
FROM nex.artworks a JOIN platform.files f ON f.id = a.file_id AND f.account_id = a.account_id
WHERE a.status = 'published' AND a.is_free
ON CONFLICT DO NOTHING;

-- Down Migration
DROP TRIGGER artworks_share_media ON nex.artworks;
DROP FUNCTION nex.share_artwork_media();
DELETE FROM platform.file_shares WHERE reason LIKE 'nex.artwork:%';
ALTER TABLE nex.artworks DROP COLUMN preview_file_id;
