-- Up Migration
-- Join requests (docs/products/nex.md, Groups): a creator outside a private group asks to join it,
-- its owner or an admin approves (the creator becomes a member) or declines, the creator may
-- cancel. pending → approved / declined / canceled, nothing else; at most one pending request per
-- creator and group. A private group stays invisible to the asker: the request reads back, the
-- group does not.

CREATE TABLE nex.group_join_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES nex.groups (id) ON DELETE CASCADE,
  -- The creator asking.
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  message text CHECK (char_length(message) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined', 'canceled')),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  decided_at timestamptz,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX group_join_requests_one_pending ON nex.group_join_requests (group_id, account_id)
  WHERE status = 'pending';
CREATE INDEX group_join_requests_page_idx ON nex.group_join_requests (group_id, status, created_at DESC, id DESC);
CREATE INDEX group_join_requests_account_idx ON nex.group_join_requests (account_id, created_at DESC, id DESC);

ALTER TABLE nex.group_join_requests ENABLE ROW LEVEL SECURITY;
-- The asker sees its own requests; the group's owner and admins see the group's.
CREATE POLICY group_join_requests_read ON nex.group_join_requests FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR nex.group_role(group_id) IN ('owner', 'admin'));
-- One asks for oneself, pending, to join a group one is not in that is not public (a public group
-- is visible, so the sub-select sees it; a private one is not, and needs no reading here).
CREATE POLICY group_join_requests_insert ON nex.group_join_requests FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND status = 'pending'
    AND nex.group_role(group_id) IS NULL
    AND NOT EXISTS (SELECT 1 FROM nex.groups g WHERE g.id = group_id AND g.is_public)
  );
-- Only a pending request moves: the asker cancels it, the owner or an admin approves or declines.
CREATE POLICY group_join_requests_update ON nex.group_join_requests FOR UPDATE TO yorozu_app
  USING (
    status = 'pending'
    AND (account_id = platform.current_account_id() OR nex.group_role(group_id) IN ('owner', 'admin'))
  )
  WITH CHECK (
    (status = 'canceled' AND account_id = platform.current_account_id())
    OR (status IN ('approved', 'declined') AND nex.group_role(group_id) IN ('owner', 'admin'))
  );
GRANT SELECT ON nex.group_join_requests TO yorozu_app;
GRANT INSERT (group_id, account_id, message) ON nex.group_join_requests TO yorozu_app;
GRANT UPDATE (status, decided_at) ON nex.group_join_requests TO yorozu_app;

-- An approval admits the asker: the owner or an admin inserts that creator's membership, as a
-- plain member, only beside a request approved in this very transaction (`now()` is the
-- transaction's start, which the approval writes as `decided_at`), so an old approval never
-- readmits someone who left. The member-count trigger and CHECK of nex.groups hold the limit.
CREATE POLICY group_members_insert_approved ON nex.group_members FOR INSERT TO yorozu_app
  WITH CHECK (
    role = 'member'
    AND nex.group_role(group_id) IN ('owner', 'admin')
    AND EXISTS (
      SELECT 1 FROM nex.group_join_requests r
      WHERE r.group_id = group_members.group_id AND r.account_id = group_members.account_id
        AND r.status = 'approved' AND r.decided_at = now()
    )
  );

-- Down Migration
DROP POLICY group_members_insert_approved ON nex.group_members;
DROP TABLE nex.group_join_requests;
