-- Up Migration
-- Events and ticket types (docs/products/nex.md, Events and tickets). An event is its organizer's
-- draft until published; published, completed and canceled events are public rows. The status
-- machine is draft → published → completed | canceled (draft → canceled too); a trigger refuses
-- any other move, whoever writes. Ticket inventory (`held` + `sold` ≤ `quantity`) is moved only by
-- conditional UPDATEs, so concurrent buyers can never oversell.

CREATE TABLE nex.events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The organizer.
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 255),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  event_type text NOT NULL CHECK (event_type IN ('online', 'offline', 'hybrid')),
  venue text CHECK (char_length(venue) BETWEEN 1 AND 500),
  online_url text CHECK (char_length(online_url) BETWEEN 1 AND 2000),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- An IANA time zone name, checked by the service against the runtime's zone database.
  timezone text NOT NULL CHECK (char_length(timezone) BETWEEN 1 AND 64),
  -- NULL: no limit beyond the ticket types' quantities.
  capacity integer CHECK (capacity > 0),
  is_free boolean NOT NULL DEFAULT true,
  cover_file_id uuid REFERENCES platform.files (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'completed', 'canceled')),
  registration_opens_at timestamptz,
  registration_closes_at timestamptz,
  -- Tickets held or sold across every ticket type, against `capacity`.
  taken integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
  published_at timestamptz,
  canceled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, account_id),
  CHECK (ends_at > starts_at),
  CHECK (event_type = 'online' OR venue IS NOT NULL),
  CHECK (registration_closes_at IS NULL OR registration_opens_at IS NULL OR registration_closes_at > registration_opens_at),
  CHECK (capacity IS NULL OR taken <= capacity),
  CHECK (status = 'draft' OR published_at IS NOT NULL OR status = 'canceled'),
  CHECK ((status = 'canceled') = (canceled_at IS NOT NULL))
);
CREATE INDEX events_account_page_idx ON nex.events (account_id, created_at DESC, id DESC);
CREATE INDEX events_upcoming_idx ON nex.events (starts_at, id) WHERE status = 'published';

CREATE TABLE nex.ticket_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL,
  -- The organizer, copied from the event (a composite key keeps it true) for the policies.
  account_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
  price_amount integer NOT NULL DEFAULT 0 CHECK (price_amount BETWEEN 0 AND 100000000),
  currency text NOT NULL DEFAULT 'JPY' CHECK (currency ~ '^[A-Z]{3}$'),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
  -- Reserved by purchases awaiting payment, and paid for.
  held integer NOT NULL DEFAULT 0 CHECK (held >= 0),
  sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0),
  sale_starts_at timestamptz,
  sale_ends_at timestamptz,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (event_id, account_id) REFERENCES nex.events (id, account_id) ON DELETE CASCADE,
  UNIQUE (id, event_id),
  CHECK (held + sold <= quantity),
  CHECK (sale_ends_at IS NULL OR sale_starts_at IS NULL OR sale_ends_at > sale_starts_at)
);
CREATE INDEX ticket_types_event_idx ON nex.ticket_types (event_id, created_at, id);

ALTER TABLE nex.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_read ON nex.events FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR status <> 'draft');
CREATE POLICY events_insert ON nex.events FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY events_update ON nex.events FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY events_delete ON nex.events FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id() AND status = 'draft');
GRANT SELECT, DELETE ON nex.events TO yorozu_app;
GRANT INSERT (account_id, title, description, event_type, venue, online_url, starts_at, ends_at, timezone,
              capacity, is_free, cover_file_id, registration_opens_at, registration_closes_at)
  ON nex.events TO yorozu_app;
GRANT UPDATE (title, description, event_type, venue, online_url, starts_at, ends_at, timezone, capacity,
              is_free, cover_file_id, registration_opens_at, registration_closes_at, status, published_at,
              canceled_at, updated_at)
  ON nex.events TO yorozu_app;

ALTER TABLE nex.ticket_types ENABLE ROW LEVEL SECURITY;
-- Wherever the event is visible (the sub-select runs under events_read).
CREATE POLICY ticket_types_read ON nex.ticket_types FOR SELECT TO yorozu_app
  USING (EXISTS (SELECT 1 FROM nex.events e WHERE e.id = event_id));
CREATE POLICY ticket_types_insert ON nex.ticket_types FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY ticket_types_update ON nex.ticket_types FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY ticket_types_delete ON nex.ticket_types FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id() AND held = 0 AND sold = 0);
GRANT SELECT, DELETE ON nex.ticket_types TO yorozu_app;
GRANT INSERT (event_id, account_id, name, description, price_amount, currency, quantity, sale_starts_at,
              sale_ends_at, is_active)
  ON nex.ticket_types TO yorozu_app;
-- held, sold (and the events' taken) are not the organizer's: only the inventory functions move them.
GRANT UPDATE (name, description, price_amount, quantity, sale_starts_at, sale_ends_at, is_active, updated_at)
  ON nex.ticket_types TO yorozu_app;

-- The status machine, whoever writes.
CREATE FUNCTION nex.check_event_transition() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status = OLD.status THEN
        RETURN NEW;
      END IF;
      IF NOT ((OLD.status = 'draft' AND NEW.status IN ('published', 'canceled'))
              OR (OLD.status = 'published' AND NEW.status IN ('completed', 'canceled'))) THEN
        RAISE EXCEPTION 'illegal event transition % → %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER events_transition BEFORE UPDATE OF status ON nex.events
  FOR EACH ROW EXECUTE FUNCTION nex.check_event_transition();

-- event_created EXP on an event's first publication (a draft earns nothing: drafts cost nothing).
CREATE FUNCTION nex.count_event_publication() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      PERFORM nex.award_exp(NEW.account_id, 'event_created', 'event', NEW.id, 'event:' || NEW.id);
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_event_publication() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_event_publication() FROM PUBLIC;
CREATE TRIGGER events_published AFTER UPDATE OF status ON nex.events
  FOR EACH ROW WHEN (NEW.status = 'published' AND OLD.status = 'draft') EXECUTE FUNCTION nex.count_event_publication();

-- Down Migration
DROP TABLE nex.ticket_types;
DROP TABLE nex.events;
DROP FUNCTION nex.count_event_publication();
DROP FUNCTION nex.check_event_transition();
