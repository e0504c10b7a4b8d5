-- Up Migration
-- Ticket orders and tickets (docs/products/nex.md, Events and tickets). Inventory moves only with
-- an order's status, inside SECURITY DEFINER functions owned by the counters' role, each one
-- conditional UPDATE per counter (the event's `taken` against its capacity, then the type's
-- `held + sold` against its quantity; always in that order, so concurrent buyers never deadlock):
--   reserve   (no order)  → pending  held += n, taken += n     (free tickets: → paid, sold += n)
--   settle    pending     → paid     held −= n, sold += n
--   release   pending     → expired | canceled    held −= n, taken −= n
--   refund    paid        → refunded sold −= n, taken −= n
-- A trigger refuses any other status change, whoever writes.

CREATE TABLE nex.ticket_orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The buyer.
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  event_id uuid NOT NULL,
  ticket_type_id uuid NOT NULL,
  organizer_id uuid NOT NULL,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10),
  unit_amount integer NOT NULL CHECK (unit_amount >= 0),
  total_amount bigint NOT NULL CHECK (total_amount = unit_amount::bigint * quantity),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'expired', 'canceled', 'refunded')),
  referral_code_id uuid REFERENCES nex.referral_codes (id) ON DELETE SET NULL,
  -- Until then the reservation holds; the sweep releases it after.
  expires_at timestamptz NOT NULL,
  paid_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (ticket_type_id, event_id) REFERENCES nex.ticket_types (id, event_id) ON DELETE RESTRICT,
  CHECK ((status IN ('paid', 'refunded')) = (paid_at IS NOT NULL)),
  CHECK (organizer_id <> account_id)
);
CREATE INDEX ticket_orders_account_page_idx ON nex.ticket_orders (account_id, created_at DESC, id DESC);
CREATE INDEX ticket_orders_event_idx ON nex.ticket_orders (event_id, status);
CREATE INDEX ticket_orders_expiry_idx ON nex.ticket_orders (expires_at) WHERE status = 'pending';

CREATE TABLE nex.tickets (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES nex.ticket_orders (id) ON DELETE CASCADE,
  -- One row per ticket of the order: 1..quantity.
  seq integer NOT NULL CHECK (seq BETWEEN 1 AND 10),
  -- The holder (the buyer).
  account_id uuid NOT NULL,
  event_id uuid NOT NULL,
  ticket_type_id uuid NOT NULL,
  organizer_id uuid NOT NULL,
  -- The signed token the QR code carries (authenticated encryption of the ticket's id).
  code text NOT NULL UNIQUE CHECK (char_length(code) BETWEEN 20 AND 200),
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'refunded')),
  checked_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (order_id, seq)
);
CREATE INDEX tickets_account_page_idx ON nex.tickets (account_id, created_at DESC, id DESC);
CREATE INDEX tickets_event_idx ON nex.tickets (event_id);

ALTER TABLE nex.ticket_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_orders_read ON nex.ticket_orders FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR organizer_id = platform.current_account_id());
GRANT SELECT ON nex.ticket_orders TO yorozu_app;

ALTER TABLE nex.tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tickets_read ON nex.tickets FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR organizer_id = platform.current_account_id());
-- The holder's transaction issues the tickets of its own paid order, never more than it paid for.
CREATE POLICY tickets_insert ON nex.tickets FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (
      SELECT 1 FROM nex.ticket_orders o
      WHERE o.id = order_id AND o.account_id = platform.current_account_id() AND o.status = 'paid'
        AND o.event_id = tickets.event_id AND o.ticket_type_id = tickets.ticket_type_id
        AND o.organizer_id = tickets.organizer_id AND tickets.seq <= o.quantity
    )
  );
-- Check-in is the organizer's: only `checked_in_at` changes, and only from NULL (the service's
-- conditional UPDATE; a second check-in matches nothing).
CREATE POLICY tickets_check_in ON nex.tickets FOR UPDATE TO yorozu_app
  USING (organizer_id = platform.current_account_id())
  WITH CHECK (organizer_id = platform.current_account_id());
GRANT SELECT, INSERT (id, order_id, seq, account_id, event_id, ticket_type_id, organizer_id, code) ON nex.tickets
  TO yorozu_app;
GRANT UPDATE (checked_in_at) ON nex.tickets TO yorozu_app;

CREATE FUNCTION nex.check_ticket_order_transition() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status <> OLD.status AND NOT (
        (OLD.status = 'pending' AND NEW.status IN ('paid', 'expired', 'canceled'))
        OR (OLD.status = 'paid' AND NEW.status = 'refunded')
      ) THEN
        RAISE EXCEPTION 'illegal ticket order transition % → %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER ticket_orders_transition BEFORE UPDATE ON nex.ticket_orders
  FOR EACH ROW EXECUTE FUNCTION nex.check_ticket_order_transition();

GRANT SELECT, INSERT, UPDATE ON nex.ticket_orders TO yorozu_counters;
CREATE POLICY ticket_orders_counters ON nex.ticket_orders FOR ALL TO yorozu_counters USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE (held, sold) ON nex.ticket_types TO yorozu_counters;
CREATE POLICY ticket_types_counters_read ON nex.ticket_types FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY ticket_types_counters_update ON nex.ticket_types FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE (taken) ON nex.events TO yorozu_counters;
CREATE POLICY events_counters_read ON nex.events FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY events_counters_update ON nex.events FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);
GRANT UPDATE (status) ON nex.tickets TO yorozu_counters;
GRANT SELECT ON nex.tickets TO yorozu_counters;
CREATE POLICY tickets_counters ON nex.tickets FOR ALL TO yorozu_counters USING (true) WITH CHECK (true);

-- Reserves `wanted` tickets of a type for the calling account, on sale now, and records the
-- order: pending for `hold_for` (paid types), paid at once (free types). NULL when sold out, off
-- sale, or over the event's capacity; nothing is reserved then.
CREATE FUNCTION nex.reserve_tickets(type_id uuid, wanted integer, referral uuid, hold_for interval) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      buyer uuid := platform.current_account_id();
      type_event uuid;
      organizer uuid;
      price integer;
      money text;
      free boolean;
      order_id uuid;
    BEGIN
      IF buyer IS NULL OR wanted NOT BETWEEN 1 AND 10 OR hold_for > interval '1 hour' THEN
        RETURN NULL;
      END IF;
      SELECT tt.event_id, tt.account_id, tt.price_amount, tt.currency INTO type_event, organizer, price, money
        FROM nex.ticket_types tt WHERE tt.id = type_id;
      IF NOT FOUND OR organizer = buyer THEN
        RETURN NULL;
      END IF;
      free := price = 0;
      UPDATE nex.events e SET taken = e.taken + wanted
        WHERE e.id = type_event AND e.status = 'published' AND (e.capacity IS NULL OR e.taken + wanted <= e.capacity)
          AND (e.registration_opens_at IS NULL OR e.registration_opens_at <= now())
          AND COALESCE(e.registration_closes_at, e.starts_at) > now();
      IF NOT FOUND THEN
        RETURN NULL;
      END IF;
      UPDATE nex.ticket_types tt
        SET held = tt.held + CASE WHEN free THEN 0 ELSE wanted END, sold = tt.sold + CASE WHEN free THEN wanted ELSE 0 END
        WHERE tt.id = type_id AND tt.is_active AND tt.held + tt.sold + wanted <= tt.quantity
          AND (tt.sale_starts_at IS NULL OR tt.sale_starts_at <= now())
          AND (tt.sale_ends_at IS NULL OR tt.sale_ends_at > now());
      IF NOT FOUND THEN
        -- The event's row is locked by this transaction since the UPDATE above: give it back.
        UPDATE nex.events SET taken = taken - wanted WHERE id = type_event;
        RETURN NULL;
      END IF;
      INSERT INTO nex.ticket_orders (account_id, event_id, ticket_type_id, organizer_id, quantity, unit_amount,
                                     total_amount, currency, status, referral_code_id, expires_at, paid_at)
      VALUES (buyer, type_event, type_id, organizer, wanted, price, price::bigint * wanted, money,
              CASE WHEN free THEN 'paid' ELSE 'pending' END, referral, now() + hold_for,
              CASE WHEN free THEN now() END)
      RETURNING id INTO order_id;
      RETURN order_id;
    END
  $$;

-- pending → paid: the held tickets become sold. False when the order is not pending (expired,
-- canceled). Only the buyer's transaction settles its order.
CREATE FUNCTION nex.settle_ticket_order(order_id uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      o nex.ticket_orders;
    BEGIN
      SELECT * INTO o FROM nex.ticket_orders WHERE id = order_id AND account_id = platform.current_account_id();
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      PERFORM 1 FROM nex.events WHERE id = o.event_id FOR UPDATE;
      UPDATE nex.ticket_orders SET status = 'paid', paid_at = now(), updated_at = now()
        WHERE id = order_id AND status = 'pending';
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      UPDATE nex.ticket_types SET held = held - o.quantity, sold = sold + o.quantity WHERE id = o.ticket_type_id;
      RETURN true;
    END
  $$;

-- pending → expired (past its hold) or canceled: what it held goes back on sale. Callable by the
-- buyer, the organizer (cancelling the event), or with no account for expired holds (the sweep).
CREATE FUNCTION nex.release_ticket_order(order_id uuid, outcome text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      o nex.ticket_orders;
      caller uuid := platform.current_account_id();
    BEGIN
      IF outcome NOT IN ('expired', 'canceled') THEN
        RETURN false;
      END IF;
      SELECT * INTO o FROM nex.ticket_orders WHERE id = order_id;
      IF NOT FOUND OR NOT (caller = o.account_id OR caller = o.organizer_id
                           OR (outcome = 'expired' AND o.expires_at <= now())) THEN
        RETURN false;
      END IF;
      PERFORM 1 FROM nex.events WHERE id = o.event_id FOR UPDATE;
      UPDATE nex.ticket_orders SET status = outcome, updated_at = now()
        WHERE id = order_id AND status = 'pending' AND (outcome <> 'expired' OR expires_at <= now());
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      UPDATE nex.ticket_types SET held = held - o.quantity WHERE id = o.ticket_type_id;
      UPDATE nex.events SET taken = taken - o.quantity WHERE id = o.event_id;
      RETURN true;
    END
  $$;

-- paid → refunded: the tickets are void and back in nobody's hands (the event is canceled, so
-- nothing goes back on sale, but the counts stay true). By the buyer or the organizer.
CREATE FUNCTION nex.refund_ticket_order(order_id uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      o nex.ticket_orders;
      caller uuid := platform.current_account_id();
    BEGIN
      SELECT * INTO o FROM nex.ticket_orders WHERE id = order_id AND (account_id = caller OR organizer_id = caller);
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      PERFORM 1 FROM nex.events WHERE id = o.event_id FOR UPDATE;
      UPDATE nex.ticket_orders SET status = 'refunded', updated_at = now() WHERE id = order_id AND status = 'paid';
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      UPDATE nex.ticket_types SET sold = sold - o.quantity WHERE id = o.ticket_type_id;
      UPDATE nex.events SET taken = taken - o.quantity WHERE id = o.event_id;
      UPDATE nex.tickets SET status = 'refunded' WHERE tickets.order_id = o.id;
      RETURN true;
    END
  $$;

-- The pending orders past their hold, oldest first (for the sweep, which releases each).
CREATE FUNCTION nex.expired_ticket_holds(max_orders integer) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT id FROM nex.ticket_orders WHERE status = 'pending' AND expires_at <= now()
    ORDER BY expires_at LIMIT LEAST(max_orders, 1000)
  $$;

ALTER FUNCTION nex.reserve_tickets(uuid, integer, uuid, interval) OWNER TO yorozu_counters;
ALTER FUNCTION nex.settle_ticket_order(uuid) OWNER TO yorozu_counters;
ALTER FUNCTION nex.release_ticket_order(uuid, text) OWNER TO yorozu_counters;
ALTER FUNCTION nex.refund_ticket_order(uuid) OWNER TO yorozu_counters;
ALTER FUNCTION nex.expired_ticket_holds(integer) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.reserve_tickets(uuid, integer, uuid, interval), nex.settle_ticket_order(uuid),
  nex.release_ticket_order(uuid, text), nex.refund_ticket_order(uuid), nex.expired_ticket_holds(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.reserve_tickets(uuid, integer, uuid, interval), nex.settle_ticket_order(uuid),
  nex.release_ticket_order(uuid, text), nex.refund_ticket_order(uuid), nex.expired_ticket_holds(integer) TO yorozu_app;

-- Down Migration
DROP FUNCTION nex.expired_ticket_holds(integer);
DROP FUNCTION nex.refund_ticket_order(uuid);
DROP FUNCTION nex.release_ticket_order(uuid, text);
DROP FUNCTION nex.settle_ticket_order(uuid);
DROP FUNCTION nex.reserve_tickets(uuid, integer, uuid, interval);
DROP TABLE nex.tickets;
DROP TABLE nex.ticket_orders;
