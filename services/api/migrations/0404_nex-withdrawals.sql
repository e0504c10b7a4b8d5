-- Up Migration
-- Withdrawals (docs/products/nex.md, Withdrawals): a creator asks for part of its `available`
-- balance to be paid out to its connected account. The request holds the money in the ledger
-- (`available` → `withdrawing`, under the balance's advisory lock, so two requests for the whole
-- balance cannot both pass); the worker's task claims it (requested → processing), calls the
-- PayoutProvider with the withdrawal's id as the idempotency key, and settles it: paid
-- (`withdrawing` → the house `payouts` book) or failed (`withdrawing` → back to `available`).
-- The owner owns the row; a trigger refuses any other status change, whoever writes.

CREATE TABLE nex.withdrawals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  amount bigint NOT NULL CHECK (amount >= 1000 AND amount <= 100000000000),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- The provider's connected account the money goes to (Stripe Connect `acct_…`).
  destination text NOT NULL CHECK (destination ~ '^acct_[A-Za-z0-9_]{1,100}$'),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'processing', 'paid', 'failed')),
  provider_payout_id text CHECK (char_length(provider_payout_id) BETWEEN 1 AND 255),
  failure_message text CHECK (char_length(failure_message) <= 500),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  settled_at timestamptz,
  CHECK ((status IN ('paid', 'failed')) = (settled_at IS NOT NULL)),
  CHECK (status <> 'paid' OR provider_payout_id IS NOT NULL)
);
CREATE INDEX withdrawals_account_page_idx ON nex.withdrawals (account_id, created_at DESC, id DESC);
CREATE INDEX withdrawals_due_idx ON nex.withdrawals (updated_at) WHERE status IN ('requested', 'processing');

ALTER TABLE nex.withdrawals ENABLE ROW LEVEL SECURITY;
CREATE POLICY withdrawals_read ON nex.withdrawals FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY withdrawals_insert ON nex.withdrawals FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id() AND status = 'requested');
CREATE POLICY withdrawals_update ON nex.withdrawals FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, amount, currency, destination) ON nex.withdrawals TO yorozu_app;
GRANT UPDATE (status, provider_payout_id, failure_message, updated_at, settled_at) ON nex.withdrawals TO yorozu_app;

CREATE FUNCTION nex.check_withdrawal_transition() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status <> OLD.status AND NOT (
        (OLD.status = 'requested' AND NEW.status = 'processing')
        OR (OLD.status = 'processing' AND NEW.status IN ('paid', 'failed'))
      ) THEN
        RAISE EXCEPTION 'illegal withdrawal transition % → %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER withdrawals_transition BEFORE UPDATE ON nex.withdrawals
  FOR EACH ROW EXECUTE FUNCTION nex.check_withdrawal_transition();

-- What the payout task should work on: requested withdrawals, and processing ones whose worker
-- went quiet for 5 minutes (a crash between the claim and the settlement; the provider call is
-- idempotent by the withdrawal's id, so calling again pays once). Oldest first, bounded.
GRANT SELECT ON nex.withdrawals TO yorozu_counters;
CREATE POLICY withdrawals_counters_read ON nex.withdrawals FOR SELECT TO yorozu_counters USING (true);
CREATE FUNCTION nex.due_withdrawals(batch integer) RETURNS TABLE (id uuid, account_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT w.id, w.account_id FROM nex.withdrawals w
    WHERE w.status = 'requested' OR (w.status = 'processing' AND w.updated_at <= now() - interval '5 minutes')
    ORDER BY w.updated_at LIMIT least(batch, 1000)
  $$;
ALTER FUNCTION nex.due_withdrawals(integer) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.due_withdrawals(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.due_withdrawals(integer) TO yorozu_app;

-- Down Migration
DROP FUNCTION nex.due_withdrawals(integer);
DROP TABLE nex.withdrawals;
DROP FUNCTION nex.check_withdrawal_transition();
