-- Up Migration
-- Plans, subscriptions, quotas and usage (docs/architecture.md, Quotas and metering).
--
-- The plan catalogue is data, not code: a product's metrics, its plans and
-- each plan's limit per metric are rows, so a product module only names its
-- metric when it spends (studio credits, speak minutes, stickers images,
-- miyabi issues and tokens). Every product's default plan is called 'free';
-- an account without a subscription row for a product is on that plan.

-- What a product meters: the period a counter covers (calendar month from
-- the 1st 00:00 UTC, or calendar day from 00:00 UTC) and whether one counter
-- serves the account or there is one per plugin (miyabi meters usage per plugin).
CREATE TABLE platform.metrics (
  product text NOT NULL CHECK (product IN ('studio', 'speak', 'nex', 'stickers', 'miyabi')),
  metric text NOT NULL CHECK (metric ~ '^[a-z][a-z0-9-]*$'),
  period text NOT NULL CHECK (period IN ('day', 'month')),
  per text NOT NULL DEFAULT 'account' CHECK (per IN ('account', 'plugin')),
  description text NOT NULL,
  PRIMARY KEY (product, metric)
);

-- stripe_lookup_key: the Stripe Price lookup key that buys the plan
-- (billing.stripeWebhook maps subscriptions through it); null for plans
-- nobody pays for.
CREATE TABLE platform.plans (
  product text NOT NULL CHECK (product IN ('studio', 'speak', 'nex', 'stickers', 'miyabi')),
  plan text NOT NULL CHECK (plan ~ '^[a-z][a-z0-9-]*$'),
  stripe_lookup_key text UNIQUE,
  PRIMARY KEY (product, plan)
);

-- One row per (plan, metric of its product); "limit" NULL = unlimited (rather
-- than a large number standing in for it).
CREATE TABLE platform.plan_limits (
  product text NOT NULL,
  plan text NOT NULL,
  metric text NOT NULL,
  "limit" bigint CHECK ("limit" >= 0),
  PRIMARY KEY (product, plan, metric),
  FOREIGN KEY (product, plan) REFERENCES platform.plans ON DELETE CASCADE,
  FOREIGN KEY (product, metric) REFERENCES platform.metrics ON DELETE CASCADE
);

INSERT INTO platform.metrics (product, metric, period, per, description) VALUES
  ('studio', 'credits', 'month', 'account', 'Characters generated (1 credit per character batch).'),
  ('speak', 'minutes', 'month', 'account', 'Microphone minutes.'),
  ('stickers', 'images', 'day', 'account', 'Sticker images generated.'),
  ('miyabi', 'issues', 'month', 'plugin', 'Issues processed, per plugin.'),
  ('miyabi', 'tokens', 'month', 'plugin', 'Model tokens used, per plugin.');

-- nex meters nothing; its free plan exists so every product has one.
INSERT INTO platform.plans (product, plan, stripe_lookup_key) VALUES
  ('studio', 'free', NULL), ('studio', 'basic', 'studio_basic'), ('studio', 'pro', 'studio_pro'),
  ('speak', 'free', NULL), ('speak', 'standard', 'speak_standard'), ('speak', 'premium', 'speak_premium'),
  ('nex', 'free', NULL),
  ('stickers', 'free', NULL), ('stickers', 'pro', 'stickers_pro'),
  ('miyabi', 'free', NULL), ('miyabi', 'pro', 'miyabi_pro'), ('miyabi', 'enterprise', 'miyabi_enterprise');

-- studio: free 5, basic 20, pro unlimited characters a month.
-- speak: free 60, standard 900, premium 3000 minutes a month.
-- stickers: free 10, pro 200 images a day.
-- miyabi: the product names the tiers (free, pro, enterprise) and the metrics but
-- no numbers; these are placeholders for the product to tune (one UPDATE).
INSERT INTO platform.plan_limits (product, plan, metric, "limit") VALUES
  ('studio', 'free', 'credits', 5), ('studio', 'basic', 'credits', 20), ('studio', 'pro', 'credits', NULL),
  ('speak', 'free', 'minutes', 60), ('speak', 'standard', 'minutes', 900), ('speak', 'premium', 'minutes', 3000),
  ('stickers', 'free', 'images', 10), ('stickers', 'pro', 'images', 200),
  ('miyabi', 'free', 'issues', 100), ('miyabi', 'pro', 'issues', 1000), ('miyabi', 'enterprise', 'issues', NULL),
  ('miyabi', 'free', 'tokens', 100000), ('miyabi', 'pro', 'tokens', 1000000), ('miyabi', 'enterprise', 'tokens', NULL);

-- An account's plan per product. No row = the free
-- plan: a new account is on every product's free plan without a write, and
-- so is every existing account when a product is added to the catalogue.
-- status mirrors Stripe's subscription status; the plan is what quotas read.
CREATE TABLE platform.subscriptions (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  product text NOT NULL,
  plan text NOT NULL,
  status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused')),
  current_period_start timestamptz,
  current_period_end timestamptz,
  stripe_customer_id text,
  stripe_subscription_id text,
  -- The `created` time of the last Stripe event applied: an older event
  -- delivered late (Stripe does not order deliveries) must not undo it.
  stripe_event_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, product),
  FOREIGN KEY (product, plan) REFERENCES platform.plans
);

-- Quota periods are computed, not rolled over by a cron: the counter of the
-- period that contains `at` starts at zero simply because it is a new row.
CREATE FUNCTION platform.quota_period_start(p_period text, p_at timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT date_trunc(p_period, p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;

CREATE FUNCTION platform.quota_period_end(p_period text, p_at timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT (date_trunc(p_period, p_at AT TIME ZONE 'UTC') + ('1 ' || p_period)::interval) AT TIME ZONE 'UTC' $$;

-- The plan an account is on for a product; runs as the caller, so RLS applies.
CREATE FUNCTION platform.current_plan(p_account_id uuid, p_product text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT COALESCE(
      (SELECT plan FROM platform.subscriptions WHERE account_id = p_account_id AND product = p_product),
      'free')
  $$;

-- How much of a metric an account used in one period. subject is the plugin
-- id for per-plugin metrics, '' otherwise. The limit is not copied here: it
-- is read from the current plan at spend time (see kernel/metering).
CREATE TABLE platform.quota_counters (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  product text NOT NULL,
  metric text NOT NULL,
  subject text NOT NULL DEFAULT '',
  period_start timestamptz NOT NULL,
  used bigint NOT NULL DEFAULT 0 CHECK (used >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, product, metric, subject, period_start),
  FOREIGN KEY (product, metric) REFERENCES platform.metrics
);

-- Append-only: a spend is a positive amount, its refund a negative one that
-- names it (refund_of, unique: at most one refund per spend). The amounts of
-- a counter's period always add up to its `used`.
CREATE TABLE platform.usage_ledger (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  product text NOT NULL,
  metric text NOT NULL,
  subject text NOT NULL,
  period_start timestamptz NOT NULL,
  amount bigint NOT NULL,
  reason text NOT NULL,
  reference_id text,
  refund_of uuid UNIQUE REFERENCES platform.usage_ledger (id),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK ((refund_of IS NULL) = (amount > 0) AND amount <> 0),
  FOREIGN KEY (account_id, product, metric, subject, period_start)
    REFERENCES platform.quota_counters ON DELETE CASCADE
);
CREATE INDEX usage_ledger_account_page_idx ON platform.usage_ledger (account_id, created_at DESC, id DESC);

-- Processed Stripe event ids: a redelivered event changes nothing. Not
-- tenant data (an event is processed before its account is known).
CREATE TABLE platform.stripe_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE platform.subscriptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY subscriptions_own ON platform.subscriptions USING (account_id = platform.current_account_id());
ALTER TABLE platform.quota_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY quota_counters_own ON platform.quota_counters USING (account_id = platform.current_account_id());
ALTER TABLE platform.usage_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY usage_ledger_own ON platform.usage_ledger USING (account_id = platform.current_account_id());

-- The catalogue changes only by migration.
GRANT SELECT ON platform.metrics, platform.plans, platform.plan_limits TO yorozu_app;
GRANT SELECT, INSERT, UPDATE ON platform.subscriptions TO yorozu_app;
GRANT SELECT, INSERT, UPDATE ON platform.quota_counters TO yorozu_app;
GRANT SELECT, INSERT ON platform.usage_ledger TO yorozu_app;
GRANT SELECT, INSERT ON platform.stripe_events TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.quota_period_start(text, timestamptz) TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.quota_period_end(text, timestamptz) TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.current_plan(uuid, text) TO yorozu_app;

-- Down Migration
DROP TABLE platform.stripe_events;
DROP TABLE platform.usage_ledger;
DROP TABLE platform.quota_counters;
DROP FUNCTION platform.current_plan(uuid, text);
DROP FUNCTION platform.quota_period_end(text, timestamptz);
DROP FUNCTION platform.quota_period_start(text, timestamptz);
DROP TABLE platform.subscriptions;
DROP TABLE platform.plan_limits;
DROP TABLE platform.plans;
DROP TABLE platform.metrics;
