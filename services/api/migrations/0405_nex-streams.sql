-- Up Migration
-- Live streams and donations (docs/products/nex.md, Live streams and donations). A creator
-- schedules a stream and moves it scheduled → live → ended (or scheduled → cancelled); a trigger
-- refuses any other move, whoever writes. Viewers donate to a live stream through nex's payment
-- provider: a donation is `pending` until the signed webhook confirms its payment, and only then
-- counted in the stream's total, by nex.confirm_donation (owned by the counters' role: neither the
-- streamer nor the donor may write the total).

CREATE TABLE nex.streams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The streamer.
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
  scheduled_at timestamptz,
  started_at timestamptz,
  ended_at timestamptz,
  -- Confirmed donations only, in minor units of `currency`.
  currency text NOT NULL DEFAULT 'JPY' CHECK (currency ~ '^[A-Z]{3}$'),
  total_donations bigint NOT NULL DEFAULT 0 CHECK (total_donations >= 0),
  donation_count integer NOT NULL DEFAULT 0 CHECK (donation_count >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK ((status IN ('live', 'ended')) = (started_at IS NOT NULL)),
  CHECK ((status = 'ended') = (ended_at IS NOT NULL))
);
CREATE INDEX streams_page_idx ON nex.streams (created_at DESC, id DESC);

ALTER TABLE nex.streams ENABLE ROW LEVEL SECURITY;
-- Streams are announcements: anyone reads them.
CREATE POLICY streams_read ON nex.streams FOR SELECT TO yorozu_app USING (true);
CREATE POLICY streams_insert ON nex.streams FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id() AND status = 'scheduled');
CREATE POLICY streams_update ON nex.streams FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, title, description, scheduled_at, currency) ON nex.streams TO yorozu_app;
GRANT UPDATE (status, started_at, ended_at, updated_at) ON nex.streams TO yorozu_app;

CREATE FUNCTION nex.check_stream_transition() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status <> OLD.status AND NOT (
        (OLD.status = 'scheduled' AND NEW.status IN ('live', 'cancelled'))
        OR (OLD.status = 'live' AND NEW.status = 'ended')
      ) THEN
        RAISE EXCEPTION 'illegal stream transition % → %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER streams_transition BEFORE UPDATE ON nex.streams
  FOR EACH ROW EXECUTE FUNCTION nex.check_stream_transition();

CREATE TABLE nex.donations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  stream_id uuid NOT NULL REFERENCES nex.streams (id) ON DELETE CASCADE,
  streamer_id uuid NOT NULL,
  -- The donor.
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  amount bigint NOT NULL CHECK (amount BETWEEN 100 AND 10000000),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  message text NOT NULL DEFAULT '' CHECK (char_length(message) <= 300),
  is_anonymous boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'failed')),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  confirmed_at timestamptz,
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL)),
  CHECK (streamer_id <> account_id)
);
CREATE INDEX donations_stream_page_idx ON nex.donations (stream_id, created_at DESC, id DESC)
  WHERE status = 'confirmed';

ALTER TABLE nex.donations ENABLE ROW LEVEL SECURITY;
-- Confirmed donations are public (the API never shows an anonymous donor); the donor reads its own.
CREATE POLICY donations_read ON nex.donations FOR SELECT TO yorozu_app
  USING (status = 'confirmed' OR account_id = platform.current_account_id());
-- A donor donates as itself to a live stream of someone else, for that stream's streamer.
CREATE POLICY donations_insert ON nex.donations FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id() AND status = 'pending'
    AND EXISTS (SELECT 1 FROM nex.streams s WHERE s.id = stream_id AND s.account_id = streamer_id AND s.status = 'live'
                AND s.currency = donations.currency)
  );
GRANT SELECT, INSERT (stream_id, streamer_id, account_id, amount, currency, message, is_anonymous)
  ON nex.donations TO yorozu_app;

GRANT SELECT, UPDATE (status, confirmed_at) ON nex.donations TO yorozu_counters;
CREATE POLICY donations_counters ON nex.donations FOR ALL TO yorozu_counters USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE (total_donations, donation_count) ON nex.streams TO yorozu_counters;
CREATE POLICY streams_counters_read ON nex.streams FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY streams_counters_update ON nex.streams FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);

-- pending → confirmed | failed, once, by the donor's transaction (the payment's webhook binds it);
-- a confirmation adds the amount to the stream's total in the same statement's transaction.
CREATE FUNCTION nex.settle_donation(donation uuid, confirmed boolean) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      d nex.donations;
    BEGIN
      UPDATE nex.donations SET status = CASE WHEN confirmed THEN 'confirmed' ELSE 'failed' END,
             confirmed_at = CASE WHEN confirmed THEN clock_timestamp() END
        WHERE id = donation AND status = 'pending' AND account_id = platform.current_account_id()
        RETURNING * INTO d;
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      IF confirmed THEN
        UPDATE nex.streams SET total_donations = total_donations + d.amount, donation_count = donation_count + 1
          WHERE id = d.stream_id;
      END IF;
      RETURN true;
    END
  $$;
ALTER FUNCTION nex.settle_donation(uuid, boolean) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.settle_donation(uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.settle_donation(uuid, boolean) TO yorozu_app;

-- Down Migration
DROP FUNCTION nex.settle_donation(uuid, boolean);
DROP TABLE nex.donations;
DROP TABLE nex.streams;
DROP FUNCTION nex.check_stream_transition();
