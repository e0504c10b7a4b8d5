-- Up Migration
-- Character Studio: batches read by id and kept in step with their job,
-- the base image's consistency score, every feature filter through the GIN
-- index (docs/products/studio.md explains each, and why).

-- A batch's status follows its kernel job. Every change of a job's status is
-- one guarded UPDATE of platform.jobs (src/kernel/jobs/queries.ts), made by
-- whichever path settles it: a worker's attempt, its last failure, a cancel
-- request. This trigger applies the change to the batch in that same
-- transaction, so the two cannot disagree, and a canceled job no longer
-- leaves its batch `pending` or `processing`. A succeeded job also writes the
-- batch's credit transaction (an audit log): exactly once, because
-- only one transaction can move a job to `succeeded`, and never for a batch
-- whose credit a cancel or a failure refunded. Runs as the caller, under RLS:
-- the kernel changes a job in a transaction bound to the job's account.
ALTER TABLE studio.generation_jobs DROP CONSTRAINT generation_jobs_status_check;
ALTER TABLE studio.generation_jobs ADD CONSTRAINT generation_jobs_status_check
  CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'canceled'));

-- consistency_score means what the original design says: the base image's score, measured
-- by the analyser at creation (sample: 95.2). The mean of the differences'
-- scores, which it held until now, gets a column of its own. Scores of base
-- images analysed before this migration were never measured: null.
ALTER TABLE studio.characters ADD COLUMN average_difference_consistency numeric(5, 2)
  CONSTRAINT chk_average_difference_consistency
  CHECK (average_difference_consistency >= 0 AND average_difference_consistency <= 100);
UPDATE studio.characters SET average_difference_consistency = consistency_score, consistency_score = NULL;
COMMENT ON COLUMN studio.characters.consistency_score IS 'The base image''s consistency score (0-100), measured at creation';
COMMENT ON COLUMN studio.characters.average_difference_consistency IS 'Mean consistency score of the character''s differences';

-- The mean of a character's differences' scores (null with none), written
-- when a batch ends and when a difference is deleted. Runs as the caller, under RLS.
CREATE FUNCTION studio.refresh_average_difference_consistency(p_account_id uuid, p_character_id uuid)
  RETURNS void
  LANGUAGE sql VOLATILE
  AS $$
    UPDATE studio.characters c
    SET average_difference_consistency = (
      SELECT round(avg(d.consistency_score), 2) FROM studio.differences d
      WHERE d.account_id = c.account_id AND d.character_id = c.id
    )
    WHERE c.account_id = p_account_id AND c.id = p_character_id
  $$;

CREATE FUNCTION studio.follow_generation_job() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    v_character_id uuid;
  BEGIN
    IF NEW.status = 'running' THEN
      UPDATE studio.generation_jobs SET status = 'processing', updated_at = clock_timestamp()
      WHERE account_id = NEW.account_id AND job_id = NEW.id AND status = 'pending';
    ELSIF NEW.status = 'succeeded' THEN
      WITH batch AS (
        UPDATE studio.generation_jobs
        SET status = 'completed', error_message = NULL, completed_at = clock_timestamp(),
            updated_at = clock_timestamp()
        WHERE account_id = NEW.account_id AND job_id = NEW.id
        RETURNING account_id, id, character_id, quota_ledger_entry_id, completed
      )
      -- One batch, one credit ("通常1キャラ=1クレジット").
      INSERT INTO studio.credit_transactions
        (account_id, character_id, batch_id, quota_ledger_entry_id, differences_generated, credits_used)
      SELECT account_id, character_id, id, quota_ledger_entry_id, completed, 1 FROM batch
      WHERE completed > 0
      ON CONFLICT (quota_ledger_entry_id) DO NOTHING;
    ELSIF NEW.status IN ('failed', 'canceled') THEN
      -- The images drawn before the end stay (docs/products/studio.md), so they count in the
      -- character's mean; a completed batch's handler refreshes it as its last step.
      UPDATE studio.generation_jobs
      SET status = NEW.status, updated_at = clock_timestamp(),
          error_message = CASE WHEN NEW.status = 'failed' THEN NEW.error ->> 'message' END
      WHERE account_id = NEW.account_id AND job_id = NEW.id
      RETURNING character_id INTO v_character_id;
      IF FOUND THEN
        PERFORM studio.refresh_average_difference_consistency(NEW.account_id, v_character_id);
      END IF;
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER studio_follow_generation_job AFTER UPDATE OF status ON platform.jobs
  FOR EACH ROW
  WHEN (NEW.type = 'studio.generate' AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION studio.follow_generation_job();

-- Batches whose job was canceled before this migration.
UPDATE studio.generation_jobs g SET status = 'canceled', updated_at = clock_timestamp()
FROM platform.jobs j
WHERE j.id = g.job_id AND j.status = 'canceled' AND g.status IN ('pending', 'processing');

-- A character's batches, newest first (keyset): GET /v1/studio/characters/{id}/generations.
-- The original design's batches-by-date index, led by the account and the character
-- the list is scoped to; it also serves the foreign key the old index served.
CREATE INDEX generation_jobs_character_page_idx
  ON studio.generation_jobs (account_id, character_id, created_at DESC, id DESC);
DROP INDEX studio.generation_jobs_character_idx;

-- Feature filters through the GIN index: the features contain one document,
-- or either of two (an accessory may be listed under outfit.accessories or at
-- the top level): one probe of the same index per document, each planned
-- like 0004's single one. As the table's owner, for the reason 0004 gives
-- (RLS keeps the planner from the index).
DROP FUNCTION studio.character_ids_with_features(jsonb);
CREATE FUNCTION studio.character_ids_with_features(p_features jsonb, p_or_features jsonb DEFAULT NULL)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 100 SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT id FROM studio.characters
    WHERE account_id = platform.current_account_id() AND features @> p_features
    UNION
    SELECT id FROM studio.characters
    WHERE account_id = platform.current_account_id() AND features @> p_or_features
  $$;
REVOKE ALL ON FUNCTION studio.character_ids_with_features(jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION studio.character_ids_with_features(jsonb, jsonb) TO yorozu_app;

-- Down Migration
DROP FUNCTION studio.character_ids_with_features(jsonb, jsonb);
CREATE FUNCTION studio.character_ids_with_features(p_features jsonb) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 100 SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT id FROM studio.characters
    WHERE account_id = platform.current_account_id() AND features @> p_features
  $$;
REVOKE ALL ON FUNCTION studio.character_ids_with_features(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION studio.character_ids_with_features(jsonb) TO yorozu_app;
UPDATE studio.characters SET consistency_score = average_difference_consistency;
ALTER TABLE studio.characters DROP COLUMN average_difference_consistency;
CREATE INDEX generation_jobs_character_idx ON studio.generation_jobs (account_id, character_id);
DROP INDEX studio.generation_jobs_character_page_idx;
DROP TRIGGER studio_follow_generation_job ON platform.jobs;
DROP FUNCTION studio.follow_generation_job();
DROP FUNCTION studio.refresh_average_difference_consistency(uuid, uuid);
UPDATE studio.generation_jobs SET status = 'failed' WHERE status = 'canceled';
ALTER TABLE studio.generation_jobs DROP CONSTRAINT generation_jobs_status_check;
ALTER TABLE studio.generation_jobs ADD CONSTRAINT generation_jobs_status_check
  CHECK (status IN ('pending', 'processing', 'completed', 'failed'));
