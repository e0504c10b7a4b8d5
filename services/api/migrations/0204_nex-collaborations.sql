-- Up Migration
-- Collaboration requests (docs/products/nex.md, Collaborations): from one creator to another,
-- about an artwork or a project. pending → accepted | declined (by the recipient) | canceled
-- (by the sender) | expired (30 days without an answer). The service makes each transition with
-- one conditional UPDATE; the trigger below refuses any other change, whoever sends it.

ALTER TABLE nex.creators
  ADD COLUMN collaborations_accepted bigint NOT NULL DEFAULT 0 CHECK (collaborations_accepted >= 0);

CREATE TABLE nex.collaborations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  recipient_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  artwork_id uuid REFERENCES nex.artworks (id) ON DELETE SET NULL,
  project text CHECK (char_length(project) BETWEEN 1 AND 200),
  message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 2000),
  response_message text CHECK (char_length(response_message) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'canceled')),
  expires_at timestamptz NOT NULL DEFAULT now() + interval '30 days',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  responded_at timestamptz,
  CHECK (account_id <> recipient_id),
  CHECK (status = 'pending' OR responded_at IS NOT NULL)
);
CREATE INDEX collaborations_sent_page_idx ON nex.collaborations (account_id, created_at DESC, id DESC);
CREATE INDEX collaborations_received_page_idx ON nex.collaborations (recipient_id, created_at DESC, id DESC);

ALTER TABLE nex.collaborations ENABLE ROW LEVEL SECURITY;
CREATE POLICY collaborations_read ON nex.collaborations FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR recipient_id = platform.current_account_id());
CREATE POLICY collaborations_insert ON nex.collaborations FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY collaborations_update ON nex.collaborations FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id() OR recipient_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, recipient_id, artwork_id, project, message) ON nex.collaborations TO yorozu_app;
GRANT UPDATE (status, response_message, responded_at) ON nex.collaborations TO yorozu_app;

-- The state machine, whoever writes: only a pending, unexpired request moves, and only by its party.
CREATE FUNCTION nex.check_collaboration_transition() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      caller uuid := platform.current_account_id();
    BEGIN
      IF OLD.status <> 'pending' OR OLD.expires_at <= now() THEN
        RAISE EXCEPTION 'collaboration % is no longer pending', OLD.id USING ERRCODE = 'check_violation';
      END IF;
      IF NOT ((NEW.status IN ('accepted', 'declined') AND caller = OLD.recipient_id)
              OR (NEW.status = 'canceled' AND caller = OLD.account_id)) THEN
        RAISE EXCEPTION 'illegal collaboration transition to %', NEW.status USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER collaborations_transition BEFORE UPDATE OF status, response_message, responded_at ON nex.collaborations
  FOR EACH ROW EXECUTE FUNCTION nex.check_collaboration_transition();

-- An accepted request counts for its sender's collaboration achievement.
GRANT SELECT (collaborations_accepted), UPDATE (collaborations_accepted) ON nex.creators TO yorozu_counters;
CREATE FUNCTION nex.count_collaboration() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      accepted bigint;
    BEGIN
      UPDATE nex.creators SET collaborations_accepted = collaborations_accepted + 1 WHERE account_id = NEW.account_id
      RETURNING collaborations_accepted INTO accepted;
      PERFORM nex.track_achievements(NEW.account_id, 'collaborations_accepted', accepted);
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_collaboration() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_collaboration() FROM PUBLIC;
CREATE TRIGGER collaborations_accepted AFTER UPDATE OF status ON nex.collaborations
  FOR EACH ROW WHEN (NEW.status = 'accepted') EXECUTE FUNCTION nex.count_collaboration();

-- Down Migration
DROP TABLE nex.collaborations;
DROP FUNCTION nex.count_collaboration();
DROP FUNCTION nex.check_collaboration_transition();
ALTER TABLE nex.creators DROP COLUMN collaborations_accepted;
