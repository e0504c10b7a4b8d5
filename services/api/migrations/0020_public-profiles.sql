-- Up Migration
-- Public rows and shared interactions (docs/architecture.md, Visibility and shared data), on
-- the kernel's first public resource: profiles, and follows between them.
--
-- The pattern, one policy per command:
--   SELECT  own rows, or rows whose visibility is 'public' (anonymous callers bind no account,
--           so current_account_id() is NULL and only the public half matches);
--   INSERT / UPDATE / DELETE  own rows only: a handler bug cannot write another account's row.
-- Counters on another account's row (follower_count) are not granted to the service at all:
-- a trigger function owned by yorozu_counters, a role with only that column's UPDATE, keeps them.

CREATE TABLE platform.profiles (
  account_id uuid PRIMARY KEY REFERENCES platform.accounts (id) ON DELETE CASCADE,
  handle text CHECK (handle ~ '^[A-Za-z0-9_]{3,30}$'),
  display_name text CHECK (char_length(display_name) BETWEEN 1 AND 80),
  bio text CHECK (char_length(bio) <= 500),
  avatar_file_id uuid,
  links jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links) = 'array'),
  visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
  follower_count bigint NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
  following_count bigint NOT NULL DEFAULT 0 CHECK (following_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Published means reachable: a public profile without a handle could not be found.
  CHECK (visibility = 'private' OR handle IS NOT NULL)
);
CREATE UNIQUE INDEX profiles_handle_key ON platform.profiles (lower(handle));

-- The actor (follower) owns the row; the target's owner (followee) may read it.
CREATE TABLE platform.follows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  follower_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  followee_id uuid NOT NULL REFERENCES platform.profiles (account_id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_follower_page_idx ON platform.follows (follower_id, created_at DESC, id DESC);
CREATE INDEX follows_followee_page_idx ON platform.follows (followee_id, created_at DESC, id DESC);

ALTER TABLE platform.profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY profiles_read ON platform.profiles FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR visibility = 'public');
CREATE POLICY profiles_insert ON platform.profiles FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY profiles_update ON platform.profiles FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY profiles_delete ON platform.profiles FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());

ALTER TABLE platform.follows ENABLE ROW LEVEL SECURITY;
CREATE POLICY follows_read ON platform.follows FOR SELECT TO yorozu_app
  USING (follower_id = platform.current_account_id() OR followee_id = platform.current_account_id());
-- Only as oneself, and only towards a profile the caller can see as public (the sub-select runs
-- under profiles_read, so a private profile is as absent here as it is to the API).
CREATE POLICY follows_insert ON platform.follows FOR INSERT TO yorozu_app
  WITH CHECK (
    follower_id = platform.current_account_id()
    AND EXISTS (SELECT 1 FROM platform.profiles p WHERE p.account_id = followee_id AND p.visibility = 'public')
  );
CREATE POLICY follows_delete ON platform.follows FOR DELETE TO yorozu_app
  USING (follower_id = platform.current_account_id());

-- Column grants: the owner writes the fields of the profile, never its counters.
GRANT SELECT ON platform.profiles TO yorozu_app;
GRANT INSERT (account_id, handle, display_name, bio, avatar_file_id, links, visibility)
  ON platform.profiles TO yorozu_app;
GRANT UPDATE (handle, display_name, bio, avatar_file_id, links, visibility, updated_at)
  ON platform.profiles TO yorozu_app;
GRANT DELETE ON platform.profiles TO yorozu_app;
GRANT SELECT, INSERT, DELETE ON platform.follows TO yorozu_app;

-- The counters' role: it may change the two counter columns of any profile, and nothing else.
DO $$
BEGIN
  CREATE ROLE yorozu_counters NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT yorozu_counters TO CURRENT_USER;
GRANT USAGE ON SCHEMA platform TO yorozu_counters;
-- SELECT on the counters too: `SET follower_count = follower_count + 1` reads them.
GRANT SELECT (account_id, follower_count, following_count), UPDATE (follower_count, following_count)
  ON platform.profiles TO yorozu_counters;
CREATE POLICY profiles_counters_read ON platform.profiles FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY profiles_counters_update ON platform.profiles FOR UPDATE TO yorozu_counters
  USING (true) WITH CHECK (true);

-- Runs for each follow row the caller could insert or delete (RLS above decided that), and only
-- moves the two counters that row stands for by one. A follower without a profile row has no
-- following_count to move: the UPDATE then matches nothing.
CREATE FUNCTION platform.count_follow() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      row_ platform.follows := CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END;
      step bigint := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
    BEGIN
      UPDATE platform.profiles SET follower_count = follower_count + step WHERE account_id = row_.followee_id;
      UPDATE platform.profiles SET following_count = following_count + step WHERE account_id = row_.follower_id;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION platform.count_follow() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION platform.count_follow() FROM PUBLIC;
CREATE TRIGGER follows_count AFTER INSERT OR DELETE ON platform.follows
  FOR EACH ROW EXECUTE FUNCTION platform.count_follow();

-- Down Migration
DROP TABLE platform.follows;
DROP FUNCTION platform.count_follow();
DROP TABLE platform.profiles;
