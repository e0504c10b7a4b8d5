-- Up Migration
-- The shop (docs/products/nex.md, Shop): creators sell products (digital or physical); a buyer's
-- order reserves stock at once, by a conditional UPDATE in a function of the counters' role (the
-- buyer may not write the seller's product), and releases it if the payment fails or expires.

CREATE TABLE nex.products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  artwork_id uuid REFERENCES nex.artworks (id) ON DELETE SET NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  category text NOT NULL CHECK (category ~ '^[a-z][a-z0-9_-]{0,39}$'),
  kind text NOT NULL CHECK (kind IN ('digital', 'physical')),
  file_id uuid REFERENCES platform.files (id) ON DELETE SET NULL,
  price_amount bigint NOT NULL CHECK (price_amount BETWEEN 1 AND 100000000),
  currency text NOT NULL DEFAULT 'JPY' CHECK (currency ~ '^[A-Z]{3}$'),
  -- NULL: unlimited (a digital product); otherwise what is left to sell.
  stock integer CHECK (stock >= 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'out_of_stock', 'discontinued')),
  weight_grams integer CHECK (weight_grams BETWEEN 1 AND 1000000),
  dimensions_mm integer[] CHECK (cardinality(dimensions_mm) = 3 AND 0 < ALL (dimensions_mm)),
  shipping_amount bigint NOT NULL DEFAULT 0 CHECK (shipping_amount BETWEEN 0 AND 10000000),
  shipping_info text CHECK (char_length(shipping_info) <= 1000),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (kind = 'physical' OR (stock IS NULL AND weight_grams IS NULL AND dimensions_mm IS NULL AND shipping_amount = 0)),
  CHECK (kind = 'digital' OR (stock IS NOT NULL AND file_id IS NULL))
);
CREATE INDEX products_seller_page_idx ON nex.products (account_id, created_at DESC, id DESC);
CREATE INDEX products_listed_page_idx ON nex.products (created_at DESC, id DESC) WHERE status IN ('active', 'out_of_stock');

ALTER TABLE nex.products ENABLE ROW LEVEL SECURITY;
CREATE POLICY products_read ON nex.products FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR status IN ('active', 'out_of_stock'));
CREATE POLICY products_insert ON nex.products FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY products_update ON nex.products FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, artwork_id, name, description, category, kind, file_id, price_amount, currency,
  stock, status, weight_grams, dimensions_mm, shipping_amount, shipping_info) ON nex.products TO yorozu_app;
GRANT UPDATE (artwork_id, name, description, category, file_id, price_amount, stock, status, weight_grams,
  dimensions_mm, shipping_amount, shipping_info, updated_at) ON nex.products TO yorozu_app;

-- out_of_stock follows the stock, whoever moves it: at 0 an active product is out of stock, and
-- stock coming back (a restock, a released reservation) makes it active again.
CREATE FUNCTION nex.product_stock_status() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.stock = 0 AND NEW.status = 'active' THEN
        NEW.status := 'out_of_stock';
      ELSIF NEW.stock > 0 AND NEW.status = 'out_of_stock' THEN
        NEW.status := 'active';
      ELSIF NEW.stock IS NULL AND NEW.status = 'out_of_stock' THEN
        NEW.status := 'active';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER products_stock_status BEFORE INSERT OR UPDATE ON nex.products
  FOR EACH ROW EXECUTE FUNCTION nex.product_stock_status();

CREATE TABLE nex.orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_number text NOT NULL UNIQUE CHECK (order_number ~ '^NX-[0-9]{8}-[0-9A-Z]{8}$'),
  -- The buyer.
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  seller_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'refunded')),
  payment_status text NOT NULL DEFAULT 'pending' CHECK (payment_status IN ('pending', 'paid', 'failed', 'refunded')),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  subtotal bigint NOT NULL CHECK (subtotal > 0),
  tax bigint NOT NULL DEFAULT 0 CHECK (tax >= 0),
  shipping bigint NOT NULL DEFAULT 0 CHECK (shipping >= 0),
  discount bigint NOT NULL DEFAULT 0 CHECK (discount >= 0),
  total bigint NOT NULL CHECK (total > 0 AND total <= 100000000000),
  fee bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
  shipping_address jsonb,
  billing_address jsonb,
  requires_shipping boolean NOT NULL,
  stock_reserved boolean NOT NULL DEFAULT false,
  payment_id uuid,
  expires_at timestamptz NOT NULL DEFAULT now() + interval '15 minutes',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  paid_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  closed_at timestamptz,
  CHECK (total = subtotal + tax + shipping - discount),
  CHECK (NOT requires_shipping OR shipping_address IS NOT NULL),
  CHECK (account_id <> seller_id)
);
CREATE INDEX orders_buyer_page_idx ON nex.orders (account_id, created_at DESC, id DESC);
CREATE INDEX orders_seller_page_idx ON nex.orders (seller_id, created_at DESC, id DESC);
CREATE INDEX orders_expiry_idx ON nex.orders (expires_at) WHERE status = 'pending';

CREATE TABLE nex.order_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES nex.orders (id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  seller_id uuid NOT NULL,
  product_id uuid REFERENCES nex.products (id) ON DELETE SET NULL,
  product_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('digital', 'physical')),
  file_id uuid,
  unit_price bigint NOT NULL CHECK (unit_price > 0),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  line_total bigint NOT NULL CHECK (line_total = unit_price * quantity),
  position smallint NOT NULL,
  UNIQUE (order_id, position)
);

ALTER TABLE nex.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_read ON nex.orders FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR seller_id = platform.current_account_id());
CREATE POLICY orders_insert ON nex.orders FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY orders_update ON nex.orders FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id() OR seller_id = platform.current_account_id());
GRANT SELECT, INSERT (order_number, account_id, seller_id, currency, subtotal, tax, shipping, discount, total,
  shipping_address, billing_address, requires_shipping) ON nex.orders TO yorozu_app;
GRANT UPDATE (status, payment_status, payment_id, fee, paid_at, shipped_at, delivered_at, closed_at)
  ON nex.orders TO yorozu_app;

ALTER TABLE nex.order_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY order_items_read ON nex.order_items FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR seller_id = platform.current_account_id());
CREATE POLICY order_items_insert ON nex.order_items FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id()
    AND EXISTS (SELECT 1 FROM nex.orders o WHERE o.id = order_id AND o.account_id = platform.current_account_id()
                AND o.seller_id = order_items.seller_id AND o.status = 'pending' AND NOT o.stock_reserved));
GRANT SELECT, INSERT (order_id, account_id, seller_id, product_id, product_name, kind, file_id, unit_price, quantity,
  line_total, position) ON nex.order_items TO yorozu_app;

-- The order's state machine, whoever writes (docs/products/nex.md, Orders).
CREATE FUNCTION nex.check_order_transition() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.status <> OLD.status AND NOT (
        (OLD.status = 'pending' AND NEW.status IN ('confirmed', 'delivered', 'cancelled'))
        OR (OLD.status = 'confirmed' AND NEW.status IN ('shipped', 'delivered', 'refunded'))
        OR (OLD.status = 'shipped' AND NEW.status IN ('delivered', 'refunded'))
        OR (OLD.status = 'delivered' AND NEW.status = 'refunded')
      ) THEN
        RAISE EXCEPTION 'illegal order transition % → %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
      END IF;
      IF NEW.payment_status <> OLD.payment_status AND NOT (
        (OLD.payment_status = 'pending' AND NEW.payment_status IN ('paid', 'failed'))
        OR (OLD.payment_status = 'paid' AND NEW.payment_status = 'refunded')
      ) THEN
        RAISE EXCEPTION 'illegal payment status % → %', OLD.payment_status, NEW.payment_status
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER orders_transition BEFORE UPDATE ON nex.orders
  FOR EACH ROW EXECUTE FUNCTION nex.check_order_transition();

-- Stock, moved only by these two functions (owned by the counters' role, which alone may write a
-- product's stock for a buyer). Reserving takes every item of the caller's pending order or none:
-- one conditional UPDATE per product (`stock >= quantity`, so concurrent orders for the last units
-- queue on the row and each sees what the previous left), inside a block that undoes the lot when
-- one is short.
GRANT SELECT, UPDATE (stock, status) ON nex.products TO yorozu_counters;
GRANT SELECT, UPDATE (stock_reserved) ON nex.orders TO yorozu_counters;
GRANT SELECT ON nex.order_items TO yorozu_counters;
CREATE POLICY products_counters ON nex.products TO yorozu_counters USING (true) WITH CHECK (true);
CREATE POLICY orders_counters ON nex.orders TO yorozu_counters USING (true) WITH CHECK (true);
CREATE POLICY order_items_counters ON nex.order_items FOR SELECT TO yorozu_counters USING (true);

CREATE FUNCTION nex.reserve_order_stock(reserved_order uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      wanted integer;
      taken integer;
    BEGIN
      PERFORM 1 FROM nex.orders
        WHERE id = reserved_order AND account_id = platform.current_account_id() AND status = 'pending'
          AND NOT stock_reserved
        FOR UPDATE;
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      BEGIN
        SELECT count(DISTINCT product_id) INTO wanted FROM nex.order_items WHERE order_id = reserved_order;
        WITH items AS (
          SELECT i.product_id, sum(i.quantity) AS quantity FROM nex.order_items i
          WHERE i.order_id = reserved_order GROUP BY i.product_id
        ), taking AS (
          UPDATE nex.products p SET stock = CASE WHEN p.stock IS NULL THEN NULL ELSE p.stock - items.quantity END
          FROM items
          WHERE p.id = items.product_id AND p.status = 'active' AND (p.stock IS NULL OR p.stock >= items.quantity)
          RETURNING p.id
        )
        SELECT count(*) INTO taken FROM taking;
        IF taken < wanted THEN
          RAISE EXCEPTION 'out of stock' USING ERRCODE = 'P0001';
        END IF;
        UPDATE nex.orders SET stock_reserved = true WHERE id = reserved_order;
        RETURN true;
      EXCEPTION WHEN raise_exception THEN
        RETURN false;
      END;
    END
  $$;
ALTER FUNCTION nex.reserve_order_stock(uuid) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.reserve_order_stock(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.reserve_order_stock(uuid) TO yorozu_app;

-- Gives a cancelled order's reservation back, once. Anyone may call it for any order: it only
-- acts on an order that is cancelled and still holds stock, which is exactly when it must.
CREATE FUNCTION nex.release_order_stock(released_order uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      UPDATE nex.orders SET stock_reserved = false
        WHERE id = released_order AND status = 'cancelled' AND stock_reserved;
      IF NOT FOUND THEN
        RETURN false;
      END IF;
      WITH items AS (
        SELECT i.product_id, sum(i.quantity) AS quantity FROM nex.order_items i
        WHERE i.order_id = released_order AND i.product_id IS NOT NULL GROUP BY i.product_id
      )
      UPDATE nex.products p SET stock = p.stock + items.quantity
        FROM items WHERE p.id = items.product_id AND p.stock IS NOT NULL;
      RETURN true;
    END
  $$;
ALTER FUNCTION nex.release_order_stock(uuid) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.release_order_stock(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.release_order_stock(uuid) TO yorozu_app;

-- Pending orders past their time, for the expiry task (which then cancels each bound to its buyer).
CREATE FUNCTION nex.expired_orders(batch integer) RETURNS TABLE (id uuid, account_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT o.id, o.account_id FROM nex.orders o
    WHERE o.status = 'pending' AND o.expires_at <= now()
    ORDER BY o.expires_at LIMIT least(batch, 1000)
  $$;
ALTER FUNCTION nex.expired_orders(integer) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.expired_orders(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.expired_orders(integer) TO yorozu_app;

-- EXP for a paid order: `artwork_purchase` to the buyer, `sale_completed` to the seller, once each.
CREATE FUNCTION nex.award_order_exp(paid_order uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      buyer uuid;
      seller uuid;
    BEGIN
      SELECT account_id, seller_id INTO buyer, seller FROM nex.orders
        WHERE id = paid_order AND payment_status = 'paid';
      IF NOT FOUND THEN
        RETURN;
      END IF;
      PERFORM nex.award_exp(buyer, 'artwork_purchase', 'order', paid_order, 'purchase:' || paid_order);
      PERFORM nex.award_exp(seller, 'sale_completed', 'order', paid_order, 'sale:' || paid_order);
    END
  $$;
ALTER FUNCTION nex.award_order_exp(uuid) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.award_order_exp(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.award_order_exp(uuid) TO yorozu_app;

-- Down Migration
DROP FUNCTION nex.award_order_exp(uuid);
DROP FUNCTION nex.expired_orders(integer);
DROP FUNCTION nex.release_order_stock(uuid);
DROP FUNCTION nex.reserve_order_stock(uuid);
DROP TABLE nex.order_items;
DROP TABLE nex.orders;
DROP TABLE nex.products;
DROP FUNCTION nex.product_stock_status();
DROP FUNCTION nex.check_order_transition();
