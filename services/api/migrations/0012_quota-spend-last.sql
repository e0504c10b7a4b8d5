-- Up Migration
-- A spend's counter UPDATE and ledger row are the request transaction's last
-- statement, so the counter's row lock, which every concurrent spend of the
-- account waits for, is held only until COMMIT (src/kernel/metering/quota.ts).
-- The rows that name the spend (its job, a studio batch) are written before
-- it: their foreign keys to the ledger are checked at COMMIT instead, so a
-- spend that never happened still fails the transaction.
ALTER TABLE platform.jobs
  ALTER CONSTRAINT jobs_quota_ledger_entry_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE studio.generation_jobs
  ALTER CONSTRAINT generation_jobs_quota_ledger_entry_id_fkey DEFERRABLE INITIALLY DEFERRED;

-- In plpgsql the statement is planned once per session and its plan cached;
-- as a SQL function that PostgreSQL does not inline it was planned at every
-- call, twice per spend. Still runs as the caller, so RLS applies.
CREATE OR REPLACE FUNCTION platform.current_plan(p_account_id uuid, p_product text) RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
  BEGIN
    RETURN COALESCE(
      (SELECT plan FROM platform.subscriptions WHERE account_id = p_account_id AND product = p_product),
      'free');
  END
  $$;

-- Down Migration
CREATE OR REPLACE FUNCTION platform.current_plan(p_account_id uuid, p_product text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT COALESCE(
      (SELECT plan FROM platform.subscriptions WHERE account_id = p_account_id AND product = p_product),
      'free')
  $$;
ALTER TABLE studio.generation_jobs
  ALTER CONSTRAINT generation_jobs_quota_ledger_entry_id_fkey NOT DEFERRABLE;
ALTER TABLE platform.jobs
  ALTER CONSTRAINT jobs_quota_ledger_entry_id_fkey NOT DEFERRABLE;
