-- Up Migration
-- A file's visibility follows what owns it (docs/architecture.md, File visibility). Files stay
-- private to their account; a share row makes one readable by anyone (reader_id NULL: a public
-- profile's avatar, a published artwork's preview) or by one account (a buyer of a digital
-- product). Each share names why it exists (`reason`), so the owner that made it can withdraw
-- it without touching shares made for other reasons. RLS, written per command, enforces it.

CREATE TABLE platform.file_shares (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The file's owner, who shares it.
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES platform.files (id) ON DELETE CASCADE,
  -- NULL: anyone, anonymous callers included.
  reader_id uuid REFERENCES platform.accounts (id) ON DELETE CASCADE,
  -- What shares it, `<module>.<thing>[:<id>]`, e.g. 'profiles.avatar' or 'nex.purchase:<order id>'.
  reason text NOT NULL CHECK (reason ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(:[A-Za-z0-9_-]{1,64})?$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (reader_id IS DISTINCT FROM account_id)
);
-- One share per file, reader and reason; "anyone" counts as one reader (PostgreSQL 15+).
CREATE UNIQUE INDEX file_shares_key ON platform.file_shares (file_id, reader_id, reason) NULLS NOT DISTINCT;
CREATE INDEX file_shares_owner_idx ON platform.file_shares (account_id, reason);
CREATE INDEX file_shares_reader_idx ON platform.file_shares (reader_id) WHERE reader_id IS NOT NULL;

ALTER TABLE platform.file_shares ENABLE ROW LEVEL SECURITY;
-- The owner sees its shares; a reader sees those made to it or to anyone (what files_read asks).
CREATE POLICY file_shares_read ON platform.file_shares FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR reader_id IS NULL OR reader_id = platform.current_account_id());
-- Only the owner shares, and only its own file (the sub-select runs under files_read, and the
-- account_id test keeps a file merely shared with the caller from being shared on).
CREATE POLICY file_shares_insert ON platform.file_shares FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (SELECT 1 FROM platform.files f WHERE f.id = file_id AND f.account_id = platform.current_account_id())
  );
CREATE POLICY file_shares_delete ON platform.file_shares FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT, DELETE ON platform.file_shares TO yorozu_app;

-- Files: one policy per command instead of one for all. Reading also passes a share to the
-- caller or to anyone; writing stays the owner's alone (there is no UPDATE grant at all).
DROP POLICY files_own ON platform.files;
CREATE POLICY files_read ON platform.files FOR SELECT TO yorozu_app
  USING (
    account_id = platform.current_account_id()
    OR EXISTS (
      SELECT 1 FROM platform.file_shares s
      WHERE s.file_id = files.id AND (s.reader_id IS NULL OR s.reader_id = platform.current_account_id())
    )
  );
CREATE POLICY files_insert ON platform.files FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY files_delete ON platform.files FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());

-- A profile's avatar is public exactly while the profile is: the share follows every insert,
-- update and delete of the profile. The trigger runs as the caller (no SECURITY DEFINER), so the
-- policies above still apply: it can only share the profile owner's own file.
CREATE FUNCTION platform.share_profile_avatar() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      DELETE FROM platform.file_shares
      WHERE account_id = OLD.account_id AND reason = 'profiles.avatar' AND reader_id IS NULL;
    END IF;
    -- Only while the avatar is a file the owner has: a deleted avatar leaves nothing to share.
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.visibility = 'public' THEN
      INSERT INTO platform.file_shares (account_id, file_id, reader_id, reason)
      SELECT NEW.account_id, f.id, NULL, 'profiles.avatar'
      FROM platform.files f WHERE f.id = NEW.avatar_file_id AND f.account_id = NEW.account_id;
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER profiles_share_avatar
  AFTER INSERT OR DELETE OR UPDATE OF avatar_file_id, visibility ON platform.profiles
  FOR EACH ROW EXECUTE FUNCTION platform.share_profile_avatar();

-- Profiles published before this migration.
INSERT INTO platform.file_shares (account_id, file_id, reader_id, reason)
SELECT p.account_id, p.avatar_file_id, NULL, 'profiles.avatar'
FROM platform.profiles p JOIN platform.files f ON f.id = p.avatar_file_id AND f.account_id = p.account_id
WHERE p.visibility = 'public';

-- Down Migration
DROP TRIGGER profiles_share_avatar ON platform.profiles;
DROP FUNCTION platform.share_profile_avatar();
DROP POLICY files_read ON platform.files;
DROP POLICY files_insert ON platform.files;
DROP POLICY files_delete ON platform.files;
CREATE POLICY files_own ON platform.files USING (account_id = platform.current_account_id());
DROP TABLE platform.file_shares;
