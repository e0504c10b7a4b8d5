-- Up Migration
-- Quota allowances (docs/architecture.md, Quotas and metering, Allowances): what raises a
-- subject's limit above its plan's. A metric's limit for (account, product, subject) in a period
-- is the current plan's limit plus
--   * the plan limits of every entitling subscription to an add-on of that subject
--     (platform.quota_addons: a recurring add-on raises its base for every period it entitles), and
--   * the quota grants of that period (platform.quota_grants: what a one-time purchase adds to
--     the period it was paid in; it does not renew).
-- An unlimited plan stays unlimited (NULL + n is NULL); an add-on plan with an unlimited metric
-- makes the base unlimited for it while it entitles.

-- Which subjects are add-ons of which: a subscription to (or a one-time purchase of) `subject`
-- adds its plan's limits to `base_subject`'s quotas. Catalogue data, not tenant data: the
-- product module registers its add-ons (miyabi: migration 0441), no request writes it.
CREATE TABLE platform.quota_addons (
  product text NOT NULL REFERENCES platform.products (product),
  subject text NOT NULL CHECK (subject <> '' AND length(subject) <= 200),
  base_subject text NOT NULL CHECK (base_subject <> '' AND length(base_subject) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (product, subject),
  CHECK (base_subject <> subject)
);
CREATE INDEX quota_addons_base_idx ON platform.quota_addons (product, base_subject);
GRANT SELECT ON platform.quota_addons TO yorozu_app;

-- One-time purchases of a plan (a Stripe Checkout in `payment` mode), one row per checkout
-- session: pending until paid (an asynchronous payment method), then paid or failed, never back.
-- The grants a purchase makes are written once, when it becomes paid.
CREATE TABLE platform.purchases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  product text NOT NULL,
  plan text NOT NULL,
  -- The plugin bought, for a product sold per plugin; '' otherwise.
  subject text NOT NULL DEFAULT '' CHECK (length(subject) <= 200),
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  -- What the session charged, in integer minor units of `currency` (ISO 4217); NULL if Stripe did not say.
  amount bigint CHECK (amount >= 0),
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  stripe_checkout_session_id text NOT NULL UNIQUE CHECK (length(stripe_checkout_session_id) <= 255),
  stripe_payment_intent_id text CHECK (length(stripe_payment_intent_id) <= 255),
  -- When Stripe reported the payment (the event's time): the period its grants are for.
  paid_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- account_id first: unique within the shard key (docs/architecture.md, Tenancy).
  UNIQUE (account_id, id),
  FOREIGN KEY (product, plan) REFERENCES platform.plans,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
CREATE INDEX purchases_account_idx ON platform.purchases (account_id, created_at DESC, id DESC);
ALTER TABLE platform.purchases ENABLE ROW LEVEL SECURITY;
CREATE POLICY purchases_own ON platform.purchases USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT, UPDATE ON platform.purchases TO yorozu_app;

-- Append-only: an allowance added to one counter's period (same key as platform.quota_counters),
-- made by a paid purchase, one per (purchase, metric).
CREATE TABLE platform.quota_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  product text NOT NULL,
  metric text NOT NULL,
  subject text NOT NULL DEFAULT '',
  period_start timestamptz NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  purchase_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (purchase_id, metric),
  FOREIGN KEY (account_id, purchase_id) REFERENCES platform.purchases (account_id, id) ON DELETE CASCADE,
  FOREIGN KEY (product, metric) REFERENCES platform.metrics
);
CREATE INDEX quota_grants_counter_idx ON platform.quota_grants (account_id, product, metric, subject, period_start);
ALTER TABLE platform.quota_grants ENABLE ROW LEVEL SECURITY;
CREATE POLICY quota_grants_own ON platform.quota_grants USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT ON platform.quota_grants TO yorozu_app;

-- What entitling subscriptions to the subject's add-ons add to its limit of a metric: 0 without
-- any, NULL (unlimited) if one of their plans has no limit for it. "Entitling" is current_plan's
-- rule (0041_subscriptions-per-subject.sql). Runs as the caller, so RLS applies; plpgsql so its
-- plan is cached per session, as current_plan's.
CREATE FUNCTION platform.addon_allowance(p_account_id uuid, p_product text, p_metric text, p_subject text)
  RETURNS bigint
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
  DECLARE
    unlimited boolean;
    total bigint;
  BEGIN
    IF p_subject = '' THEN
      RETURN 0;
    END IF;
    SELECT bool_or(l."limit" IS NULL), COALESCE(sum(l."limit"), 0) INTO unlimited, total
    FROM platform.quota_addons a
    JOIN platform.subscriptions s
      ON s.account_id = p_account_id AND s.product = a.product AND s.subject = a.subject
    JOIN platform.plan_limits l ON l.product = s.product AND l.plan = s.plan AND l.metric = p_metric
    WHERE a.product = p_product AND a.base_subject = p_subject
      AND s.status IN ('active', 'trialing', 'past_due')
      AND NOT (s.cancel_at_period_end AND s.current_period_end IS NOT NULL AND s.current_period_end <= now());
    IF unlimited THEN
      RETURN NULL;
    END IF;
    RETURN total;
  END
  $$;

-- Everything a counter's period gets above the plan's limit: the add-on subscriptions' allowance
-- plus the period's grants. NULL = unlimited.
CREATE FUNCTION platform.quota_allowance(p_account_id uuid, p_product text, p_metric text, p_subject text,
                                         p_period_start timestamptz)
  RETURNS bigint
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
  BEGIN
    RETURN platform.addon_allowance(p_account_id, p_product, p_metric, p_subject)
      + COALESCE((SELECT sum(amount) FROM platform.quota_grants
                  WHERE account_id = p_account_id AND product = p_product AND metric = p_metric
                    AND subject = p_subject AND period_start = p_period_start), 0);
  END
  $$;
GRANT EXECUTE ON FUNCTION platform.addon_allowance(uuid, text, text, text) TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.quota_allowance(uuid, text, text, text, timestamptz) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.quota_allowance(uuid, text, text, text, timestamptz);
DROP FUNCTION platform.addon_allowance(uuid, text, text, text);
DROP TABLE platform.quota_grants;
DROP TABLE platform.purchases;
DROP TABLE platform.quota_addons;
