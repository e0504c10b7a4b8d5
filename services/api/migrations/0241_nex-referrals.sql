-- Up Migration
-- Referral codes and their visits (docs/products/nex.md, Referrals). A code points at a user
-- (the referrer), an artwork or an event; `GET /r/{code}` records a visit (a click, or a scan when
-- it came from the code's QR) and redirects. Visits come from anonymous browsers, so they are
-- recorded by nex.record_referral_visit, a SECURITY DEFINER function owned by the counters' role:
-- the service role has no INSERT on the visits, and the counts move only by that function (and by
-- conversions), one conditional increment per row, exact under concurrency.

CREATE TABLE nex.referral_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The referrer.
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{4,32}$'),
  referral_type text NOT NULL CHECK (referral_type IN ('user', 'artwork', 'event')),
  -- The artwork or event; for `user`, the referrer's own account.
  reference_id uuid NOT NULL,
  -- Basis points of a converted payment credited to the referrer (500 = 5 %).
  commission_bp integer NOT NULL DEFAULT 500 CHECK (commission_bp BETWEEN 0 AND 5000),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  expires_at timestamptz,
  qr_dark text NOT NULL DEFAULT '#000000' CHECK (qr_dark ~ '^#[0-9a-f]{6}$'),
  qr_light text NOT NULL DEFAULT '#ffffff' CHECK (qr_light ~ '^#[0-9a-f]{6}$'),
  qr_size integer NOT NULL DEFAULT 256 CHECK (qr_size BETWEEN 64 AND 1024),
  click_count bigint NOT NULL DEFAULT 0 CHECK (click_count >= 0),
  scan_count bigint NOT NULL DEFAULT 0 CHECK (scan_count >= 0),
  conversion_count bigint NOT NULL DEFAULT 0 CHECK (conversion_count >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (referral_type <> 'user' OR reference_id = account_id)
);
CREATE INDEX referral_codes_account_page_idx ON nex.referral_codes (account_id, created_at DESC, id DESC);

CREATE TABLE nex.referral_visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code_id uuid NOT NULL REFERENCES nex.referral_codes (id) ON DELETE CASCADE,
  -- The referrer, for the policies.
  account_id uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('click', 'scan')),
  user_agent text NOT NULL DEFAULT '' CHECK (char_length(user_agent) <= 500),
  referer text NOT NULL DEFAULT '' CHECK (char_length(referer) <= 500),
  device_type text NOT NULL CHECK (device_type IN ('mobile', 'tablet', 'desktop', 'bot', 'unknown')),
  -- Never the address itself: its IPv4 /24 or IPv6 /48 network (what a GeoIP lookup would need,
  -- and no more than that identifies a household or an office).
  ip_network cidr CHECK (ip_network IS NULL OR (family(ip_network) = 4 AND masklen(ip_network) = 24)
                         OR (family(ip_network) = 6 AND masklen(ip_network) = 48)),
  -- Left empty: no GeoIP database ships with the service.
  country_code text CHECK (country_code ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX referral_visits_code_idx ON nex.referral_visits (code_id, created_at DESC, id DESC);

CREATE TABLE nex.referral_conversions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code_id uuid NOT NULL REFERENCES nex.referral_codes (id) ON DELETE CASCADE,
  -- The referrer, for the policies.
  account_id uuid NOT NULL,
  -- Who converted: never the referrer (self-referral is refused).
  converted_account_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('signup', 'purchase')),
  -- What converted (a ticket order, a donation...): once each.
  reference_type text NOT NULL CHECK (reference_type ~ '^[a-z][a-z_]{0,39}$'),
  reference_id uuid NOT NULL,
  value_amount bigint NOT NULL DEFAULT 0 CHECK (value_amount >= 0),
  commission_amount bigint NOT NULL DEFAULT 0 CHECK (commission_amount >= 0),
  currency text NOT NULL DEFAULT 'JPY' CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (reference_type, reference_id),
  CHECK (converted_account_id <> account_id)
);
CREATE INDEX referral_conversions_code_idx ON nex.referral_conversions (code_id, created_at DESC, id DESC);

ALTER TABLE nex.referral_codes ENABLE ROW LEVEL SECURITY;
-- Codes are meant to be shared: anyone may read one (the QR and the redirect need no account);
-- the counts are the referrer's business but carry nothing about any visitor.
CREATE POLICY referral_codes_read ON nex.referral_codes FOR SELECT TO yorozu_app USING (true);
CREATE POLICY referral_codes_insert ON nex.referral_codes FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY referral_codes_update ON nex.referral_codes FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY referral_codes_delete ON nex.referral_codes FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, DELETE ON nex.referral_codes TO yorozu_app;
GRANT INSERT (account_id, code, referral_type, reference_id, commission_bp, status, expires_at, qr_dark, qr_light,
              qr_size)
  ON nex.referral_codes TO yorozu_app;
GRANT UPDATE (status, expires_at, qr_dark, qr_light, qr_size, updated_at) ON nex.referral_codes TO yorozu_app;

ALTER TABLE nex.referral_visits ENABLE ROW LEVEL SECURITY;
CREATE POLICY referral_visits_read ON nex.referral_visits FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT ON nex.referral_visits TO yorozu_app;

ALTER TABLE nex.referral_conversions ENABLE ROW LEVEL SECURITY;
CREATE POLICY referral_conversions_read ON nex.referral_conversions FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR converted_account_id = platform.current_account_id());
GRANT SELECT ON nex.referral_conversions TO yorozu_app;

GRANT SELECT, INSERT ON nex.referral_visits, nex.referral_conversions TO yorozu_counters;
GRANT SELECT (id, account_id, code, status, expires_at, referral_type, reference_id, commission_bp, click_count,
              scan_count, conversion_count),
      UPDATE (click_count, scan_count, conversion_count)
  ON nex.referral_codes TO yorozu_counters;
CREATE POLICY referral_codes_counters_read ON nex.referral_codes FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY referral_codes_counters_update ON nex.referral_codes FOR UPDATE TO yorozu_counters
  USING (true) WITH CHECK (true);
CREATE POLICY referral_visits_counters ON nex.referral_visits FOR ALL TO yorozu_counters USING (true) WITH CHECK (true);
CREATE POLICY referral_conversions_counters ON nex.referral_conversions FOR ALL TO yorozu_counters
  USING (true) WITH CHECK (true);

-- One visit of an active, unexpired code: the row and its count in one statement each. Returns
-- the code's target (type and reference), or nothing when the code is unknown, paused or expired.
CREATE FUNCTION nex.record_referral_visit(
  visit_code text, visit_source text, visit_user_agent text, visit_referer text, visit_device text, visit_ip text,
  OUT referral_type text, OUT reference_id uuid
)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      found_id uuid;
      referrer uuid;
    BEGIN
      UPDATE nex.referral_codes c
        SET click_count = c.click_count + (visit_source = 'click')::int,
            scan_count = c.scan_count + (visit_source = 'scan')::int
        WHERE c.code = visit_code AND c.status = 'active' AND (c.expires_at IS NULL OR c.expires_at > now())
        RETURNING c.id, c.account_id, c.referral_type, c.reference_id INTO found_id, referrer, referral_type, reference_id;
      IF NOT FOUND THEN
        RETURN;
      END IF;
      INSERT INTO nex.referral_visits (code_id, account_id, source, user_agent, referer, device_type, ip_network)
      VALUES (found_id, referrer, visit_source, left(visit_user_agent, 500), left(visit_referer, 500),
              visit_device,
              CASE WHEN visit_ip IS NULL THEN NULL
                   WHEN family(visit_ip::inet) = 4 THEN network(set_masklen(visit_ip::inet, 24))
                   ELSE network(set_masklen(visit_ip::inet, 48)) END);
    END
  $$;
ALTER FUNCTION nex.record_referral_visit(text, text, text, text, text, text) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.record_referral_visit(text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.record_referral_visit(text, text, text, text, text, text) TO yorozu_app;

-- A conversion through a code, once per converted thing, never by the referrer itself; the count
-- moves with it. Returns the conversion's id, or NULL when it was recorded already or refused.
CREATE FUNCTION nex.record_referral_conversion(
  conversion_code_id uuid, converter uuid, conversion_kind text, ref_type text, ref_id uuid, value bigint,
  commission bigint, money_currency text
) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      referrer uuid;
      recorded uuid;
    BEGIN
      SELECT account_id INTO referrer FROM nex.referral_codes WHERE id = conversion_code_id;
      -- Only the converting account's own transaction records its conversion.
      IF referrer IS NULL OR referrer = converter OR converter IS DISTINCT FROM platform.current_account_id() THEN
        RETURN NULL;
      END IF;
      INSERT INTO nex.referral_conversions (code_id, account_id, converted_account_id, kind, reference_type,
                                            reference_id, value_amount, commission_amount, currency)
      VALUES (conversion_code_id, referrer, converter, conversion_kind, ref_type, ref_id, value, commission,
              money_currency)
      ON CONFLICT (reference_type, reference_id) DO NOTHING
      RETURNING id INTO recorded;
      IF recorded IS NOT NULL THEN
        UPDATE nex.referral_codes SET conversion_count = conversion_count + 1 WHERE id = conversion_code_id;
      END IF;
      RETURN recorded;
    END
  $$;
ALTER FUNCTION nex.record_referral_conversion(uuid, uuid, text, text, uuid, bigint, bigint, text) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.record_referral_conversion(uuid, uuid, text, text, uuid, bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.record_referral_conversion(uuid, uuid, text, text, uuid, bigint, bigint, text)
  TO yorozu_app;

-- Down Migration
DROP FUNCTION nex.record_referral_conversion(uuid, uuid, text, text, uuid, bigint, bigint, text);
DROP FUNCTION nex.record_referral_visit(text, text, text, text, text, text);
DROP TABLE nex.referral_conversions;
DROP TABLE nex.referral_visits;
DROP TABLE nex.referral_codes;
