-- Up Migration
-- Groups (docs/products/nex.md, Groups): public or private groups of creators with one owner,
-- admins and members, up to a member limit, and invitations (how a private group admits).
-- Visibility follows docs/architecture.md (Visibility and shared data), per command: a public
-- group is readable by anyone, a private one only by its members and invitees. Whether the caller
-- is a member, and with which role, is asked of nex.group_role, a SECURITY DEFINER function that
-- reads the caller's own membership only: policies on groups and memberships can then refer to
-- each other without recursing through RLS. The member count moves by a trigger under
-- yorozu_counters, and a CHECK against the limit makes concurrent joins of a nearly full group
-- queue on the group's row and fail past the limit.

CREATE TABLE nex.groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The owner; ownership moves only through nex.transfer_group.
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
  is_public boolean NOT NULL DEFAULT false,
  member_limit integer NOT NULL DEFAULT 50 CHECK (member_limit BETWEEN 2 AND 500),
  member_count integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT groups_member_limit CHECK (member_count <= member_limit)
);
CREATE INDEX groups_public_page_idx ON nex.groups (created_at DESC, id DESC) WHERE is_public;
CREATE INDEX groups_owner_idx ON nex.groups (account_id);

CREATE TABLE nex.group_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES nex.groups (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (group_id, account_id)
);
CREATE UNIQUE INDEX group_members_one_owner ON nex.group_members (group_id) WHERE role = 'owner';
CREATE INDEX group_members_page_idx ON nex.group_members (group_id, created_at DESC, id DESC);
CREATE INDEX group_members_account_idx ON nex.group_members (account_id, created_at DESC, id DESC);

CREATE TABLE nex.group_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES nex.groups (id) ON DELETE CASCADE,
  -- The invitee.
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  invited_by uuid REFERENCES nex.creators (account_id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (group_id, account_id)
);
CREATE INDEX group_invitations_page_idx ON nex.group_invitations (account_id, created_at DESC, id DESC);

-- The caller's role in a group, or NULL: reads one row, the caller's own.
GRANT SELECT (group_id, account_id, role) ON nex.group_members TO yorozu_counters;
CREATE FUNCTION nex.group_role(target uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT m.role FROM nex.group_members m
    WHERE m.group_id = target AND m.account_id = platform.current_account_id()
  $$;
ALTER FUNCTION nex.group_role(uuid) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.group_role(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.group_role(uuid) TO yorozu_app;

-- Whether the caller holds an invitation to a group: the same narrow reading, of invitations.
GRANT SELECT (group_id, account_id) ON nex.group_invitations TO yorozu_counters;
CREATE FUNCTION nex.group_invited(target uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM nex.group_invitations i
      WHERE i.group_id = target AND i.account_id = platform.current_account_id()
    )
  $$;
ALTER FUNCTION nex.group_invited(uuid) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.group_invited(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.group_invited(uuid) TO yorozu_app;

ALTER TABLE nex.groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY groups_read ON nex.groups FOR SELECT TO yorozu_app
  USING (is_public OR account_id = platform.current_account_id()
         OR nex.group_role(id) IS NOT NULL OR nex.group_invited(id));
CREATE POLICY groups_insert ON nex.groups FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY groups_update ON nex.groups FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY groups_delete ON nex.groups FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, DELETE ON nex.groups TO yorozu_app;
GRANT INSERT (account_id, name, description, is_public, member_limit) ON nex.groups TO yorozu_app;
GRANT UPDATE (name, description, is_public, member_limit, updated_at) ON nex.groups TO yorozu_app;

ALTER TABLE nex.group_members ENABLE ROW LEVEL SECURITY;
-- Members are seen wherever the group is (the sub-select runs under groups_read).
CREATE POLICY group_members_read ON nex.group_members FOR SELECT TO yorozu_app
  USING (EXISTS (SELECT 1 FROM nex.groups g WHERE g.id = group_id));
-- One joins oneself only: as the owner of a group one owns and is not yet in (creating it), or as
-- a member of a public group or of one that invited one.
CREATE POLICY group_members_insert ON nex.group_members FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND (
      (role = 'owner' AND EXISTS (
        SELECT 1 FROM nex.groups g WHERE g.id = group_id AND g.account_id = platform.current_account_id()))
      OR (role = 'member' AND (
        EXISTS (SELECT 1 FROM nex.groups g WHERE g.id = group_id AND g.is_public) OR nex.group_invited(group_id)))
    )
  );
-- Only the owner changes roles, never its own and never to owner.
CREATE POLICY group_members_update ON nex.group_members FOR UPDATE TO yorozu_app
  USING (nex.group_role(group_id) = 'owner' AND role <> 'owner')
  WITH CHECK (role IN ('admin', 'member'));
-- One leaves (but the owner); the owner removes anyone else, an admin removes members.
CREATE POLICY group_members_delete ON nex.group_members FOR DELETE TO yorozu_app
  USING (
    role <> 'owner' AND (
      account_id = platform.current_account_id()
      OR nex.group_role(group_id) = 'owner'
      OR (nex.group_role(group_id) = 'admin' AND role = 'member')
    )
  );
GRANT SELECT, DELETE ON nex.group_members TO yorozu_app;
GRANT INSERT (group_id, account_id, role) ON nex.group_members TO yorozu_app;
GRANT UPDATE (role) ON nex.group_members TO yorozu_app;

ALTER TABLE nex.group_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY group_invitations_read ON nex.group_invitations FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR nex.group_role(group_id) IN ('owner', 'admin'));
CREATE POLICY group_invitations_insert ON nex.group_invitations FOR INSERT TO yorozu_app
  WITH CHECK (invited_by = platform.current_account_id() AND nex.group_role(group_id) IN ('owner', 'admin'));
CREATE POLICY group_invitations_delete ON nex.group_invitations FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id() OR nex.group_role(group_id) IN ('owner', 'admin'));
GRANT SELECT, DELETE ON nex.group_invitations TO yorozu_app;
GRANT INSERT (group_id, account_id, invited_by) ON nex.group_invitations TO yorozu_app;

-- The member count, by one per membership row; past the limit the CHECK refuses the UPDATE and
-- with it the membership (concurrent joins queue on the group's row lock).
GRANT SELECT (id, member_count, member_limit), UPDATE (member_count) ON nex.groups TO yorozu_counters;
CREATE POLICY groups_counters_read ON nex.groups FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY groups_counters_update ON nex.groups FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);
CREATE POLICY group_members_counters_read ON nex.group_members FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY group_invitations_counters_read ON nex.group_invitations FOR SELECT TO yorozu_counters USING (true);

CREATE FUNCTION nex.count_group_member() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.groups SET member_count = member_count + 1 WHERE id = NEW.group_id;
      ELSE
        -- A group being deleted has no row left to update: nothing to count.
        UPDATE nex.groups SET member_count = member_count - 1 WHERE id = OLD.group_id;
      END IF;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_group_member() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_group_member() FROM PUBLIC;
CREATE TRIGGER group_members_count AFTER INSERT OR DELETE ON nex.group_members
  FOR EACH ROW EXECUTE FUNCTION nex.count_group_member();

-- Ownership moves in one step, by the owner only, to a member: the group's owner column and the
-- two roles change together (the previous owner stays as an admin). True when it moved.
GRANT SELECT (account_id), UPDATE (account_id) ON nex.groups TO yorozu_counters;
GRANT UPDATE (role) ON nex.group_members TO yorozu_counters;
CREATE POLICY group_members_counters_update ON nex.group_members FOR UPDATE TO yorozu_counters
  USING (true) WITH CHECK (true);
CREATE FUNCTION nex.transfer_group(target uuid, new_owner uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      caller uuid := platform.current_account_id();
    BEGIN
      IF caller IS NULL OR new_owner = caller THEN
        RETURN false;
      END IF;
      UPDATE nex.groups SET account_id = new_owner
      WHERE id = target AND account_id = caller
        AND EXISTS (SELECT 1 FROM nex.group_members m WHERE m.group_id = target AND m.account_id = new_owner);
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      UPDATE nex.group_members SET role = 'admin' WHERE group_id = target AND account_id = caller;
      UPDATE nex.group_members SET role = 'owner' WHERE group_id = target AND account_id = new_owner;
      RETURN true;
    END
  $$;
ALTER FUNCTION nex.transfer_group(uuid, uuid) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.transfer_group(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.transfer_group(uuid, uuid) TO yorozu_app;

-- Down Migration
DROP TABLE nex.group_invitations;
DROP TABLE nex.group_members;
DROP TABLE nex.groups;
DROP FUNCTION nex.transfer_group(uuid, uuid);
DROP FUNCTION nex.count_group_member();
DROP FUNCTION nex.group_invited(uuid);
DROP FUNCTION nex.group_role(uuid);
