-- Up Migration
-- nex commerce, money (docs/products/nex.md, Payments and the ledger).
--
-- nex.payments: one payment a payer owes for one thing (an order, a ticket, a donation), created
-- at the provider (Stripe PaymentIntents, or the local test-mode provider) and confirmed only by a
-- signed webhook. The payer owns the row.
--
-- nex.ledger_entries: the append-only double-entry ledger. Every movement of money is one
-- transaction (`transaction_id`) of two or more entries whose amounts sum to zero (a deferred
-- constraint trigger checks it at COMMIT, whoever writes). An entry belongs to an account's book
-- (`available`: what the creator may withdraw; `withdrawing`: held for a withdrawal in flight) or,
-- with `account_id` NULL, to a house book (`provider`: money at the payment provider; `fees`: the
-- platform's fees; `payouts`: money paid out). A balance is the sum of a book's entries, never a
-- stored number. The service role may INSERT and SELECT only: no entry is ever changed or removed.

CREATE TABLE nex.payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z_]{0,39}$'),
  reference_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0 AND amount <= 100000000000),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  provider text NOT NULL CHECK (provider IN ('local', 'stripe')),
  provider_payment_id text UNIQUE CHECK (char_length(provider_payment_id) BETWEEN 1 AND 255),
  client_secret text CHECK (char_length(client_secret) <= 500),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled', 'refunded')),
  refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  failure_message text CHECK (char_length(failure_message) <= 500),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  settled_at timestamptz,
  UNIQUE (purpose, reference_id)
);
CREATE INDEX payments_account_idx ON nex.payments (account_id, created_at DESC, id DESC);

ALTER TABLE nex.payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY payments_read ON nex.payments FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY payments_insert ON nex.payments FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY payments_update ON nex.payments FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, purpose, reference_id, amount, currency, provider) ON nex.payments TO yorozu_app;
GRANT UPDATE (provider_payment_id, client_secret, status, refunded_amount, failure_message, settled_at)
  ON nex.payments TO yorozu_app;

-- A payment moves pending → succeeded | failed | canceled, succeeded → refunded, canceled →
-- refunded (a payment that succeeded after its reservation expired is given back); nothing else.
CREATE FUNCTION nex.check_payment_transition() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status <> OLD.status AND NOT (
        (OLD.status = 'pending' AND NEW.status IN ('succeeded', 'failed', 'canceled'))
        OR (OLD.status IN ('succeeded', 'canceled') AND NEW.status = 'refunded')
      ) THEN
        RAISE EXCEPTION 'illegal payment transition % → %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
      END IF;
      IF NEW.refunded_amount < OLD.refunded_amount THEN
        RAISE EXCEPTION 'a refund cannot be taken back' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER payments_transition BEFORE UPDATE ON nex.payments
  FOR EACH ROW EXECUTE FUNCTION nex.check_payment_transition();

CREATE TABLE nex.ledger_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  transaction_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN (
    'sale', 'ticket', 'donation', 'commission', 'refund', 'fee', 'withdrawal', 'payout', 'withdrawal_reversal'
  )),
  -- No foreign keys to accounts or payments: the ledger outlives what it records (an account that
  -- is deleted keeps its history here, and nothing may cascade into an append-only table).
  account_id uuid,
  book text NOT NULL CHECK (
    (account_id IS NOT NULL AND book IN ('available', 'withdrawing'))
    OR (account_id IS NULL AND book IN ('provider', 'fees', 'payouts'))
  ),
  amount bigint NOT NULL CHECK (amount <> 0 AND abs(amount) <= 100000000000),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  payment_id uuid,
  reference_type text NOT NULL CHECK (reference_type ~ '^[a-z][a-z_]{0,39}$'),
  reference_id uuid NOT NULL,
  description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX ledger_entries_account_page_idx ON nex.ledger_entries (account_id, created_at DESC, id DESC)
  WHERE account_id IS NOT NULL;
CREATE INDEX ledger_entries_balance_idx ON nex.ledger_entries (account_id, currency, book) INCLUDE (amount)
  WHERE account_id IS NOT NULL;
CREATE INDEX ledger_entries_transaction_idx ON nex.ledger_entries (transaction_id);

ALTER TABLE nex.ledger_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY ledger_read ON nex.ledger_entries FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
-- An account's entries are written bound to that account; the house books' entries (no account)
-- go with them in the same transaction.
CREATE POLICY ledger_insert ON nex.ledger_entries FOR INSERT TO yorozu_app
  WITH CHECK (account_id IS NULL OR account_id = platform.current_account_id());
GRANT SELECT, INSERT ON nex.ledger_entries TO yorozu_app;

-- Double entry, whoever writes: at COMMIT every transaction touched sums to zero in one currency.
-- SECURITY DEFINER (owned by yorozu_counters, granted SELECT only) so the sum sees the entries of
-- every account, which RLS hides from the writer.
GRANT SELECT ON nex.ledger_entries TO yorozu_counters;
CREATE POLICY ledger_counters_read ON nex.ledger_entries FOR SELECT TO yorozu_counters USING (true);
CREATE FUNCTION nex.check_ledger_balanced() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      total numeric;
      currencies bigint;
    BEGIN
      SELECT sum(amount), count(DISTINCT currency) INTO total, currencies
        FROM nex.ledger_entries WHERE transaction_id = NEW.transaction_id;
      IF total <> 0 OR currencies <> 1 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance (sum %, % currencies)', NEW.transaction_id, total, currencies
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.check_ledger_balanced() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.check_ledger_balanced() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON nex.ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION nex.check_ledger_balanced();

-- Down Migration
DROP TABLE nex.ledger_entries;
DROP FUNCTION nex.check_ledger_balanced();
DROP TABLE nex.payments;
DROP FUNCTION nex.check_payment_transition();
