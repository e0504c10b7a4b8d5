-- Up Migration
-- The public plan catalogue (docs/architecture.md, Plans and subscriptions): every plan's price
-- in integer minor units with its ISO 4217 currency, billing period, trial and tier, so
-- `GET /v1/plans` and the quotas read one source. The seeds name tiers and limits but no
-- prices: the amounts here are the catalogue's own, changed by migration like the limits.

ALTER TABLE platform.plans
  ADD COLUMN tier text NOT NULL DEFAULT 'standard'
    CHECK (tier IN ('free', 'standard', 'enterprise', 'addon')),
  -- NULL: priced per contract (enterprise, "contact sales").
  ADD COLUMN price_amount bigint CHECK (price_amount >= 0),
  ADD COLUMN currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  ADD COLUMN billing_period text NOT NULL DEFAULT 'month' CHECK (billing_period IN ('month', 'year', 'one_time')),
  ADD COLUMN trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 365),
  -- Display order within the product: cheapest first, add-ons last.
  ADD COLUMN position smallint NOT NULL DEFAULT 0;

-- What one subscription covers: the account (one per product), or one plugin (miyabi sells one
-- subscription per plugin, and meters each plugin apart).
CREATE TABLE platform.products (
  product text PRIMARY KEY CHECK (product IN ('studio', 'speak', 'nex', 'stickers', 'miyabi')),
  subscribed_per text NOT NULL CHECK (subscribed_per IN ('account', 'plugin'))
);
INSERT INTO platform.products (product, subscribed_per) VALUES
  ('studio', 'account'), ('speak', 'account'), ('nex', 'account'), ('stickers', 'account'), ('miyabi', 'plugin');
GRANT SELECT ON platform.products TO yorozu_app;

INSERT INTO platform.plans (product, plan, stripe_lookup_key) VALUES
  ('speak', 'enterprise', NULL),
  ('nex', 'premium', 'nex_premium'), ('nex', 'pro', 'nex_pro'),
  ('miyabi', 'addon', 'miyabi_addon');

UPDATE platform.plans p SET tier = v.tier, price_amount = v.price_amount, billing_period = v.billing_period,
                            trial_days = v.trial_days, position = v.position
FROM (VALUES
  ('studio', 'free', 'free', 0, 'month', 0, 0),
  ('studio', 'basic', 'standard', 980, 'month', 7, 1),
  ('studio', 'pro', 'standard', 2980, 'month', 7, 2),
  ('speak', 'free', 'free', 0, 'month', 0, 0),
  ('speak', 'standard', 'standard', 1200, 'month', 7, 1),
  ('speak', 'premium', 'standard', 2900, 'month', 7, 2),
  ('speak', 'enterprise', 'enterprise', NULL, 'year', 0, 3),
  ('nex', 'free', 'free', 0, 'month', 0, 0),
  ('nex', 'premium', 'standard', 800, 'month', 0, 1),
  ('nex', 'pro', 'standard', 2000, 'month', 0, 2),
  ('stickers', 'free', 'free', 0, 'month', 0, 0),
  ('stickers', 'pro', 'standard', 500, 'month', 0, 1),
  ('miyabi', 'free', 'free', 0, 'month', 0, 0),
  ('miyabi', 'pro', 'standard', 1900, 'month', 14, 1),
  ('miyabi', 'enterprise', 'enterprise', NULL, 'month', 0, 2),
  ('miyabi', 'addon', 'addon', 500, 'one_time', 0, 3)
) AS v (product, plan, tier, price_amount, billing_period, trial_days, position)
WHERE p.product = v.product AND p.plan = v.plan;

-- Checked once every plan has its price: only free plans cost nothing, only enterprise is unpriced.
ALTER TABLE platform.plans
  ADD CHECK ((tier = 'free') = (price_amount IS NOT NULL AND price_amount = 0)),
  ADD CHECK (tier = 'enterprise' OR price_amount IS NOT NULL);

-- speak enterprise: custom minutes (NULL, set per contract). The miyabi add-on's limits are what
-- one pack adds to a plugin's plan; nex meters nothing, so its plans have no limits.
INSERT INTO platform.plan_limits (product, plan, metric, "limit") VALUES
  ('speak', 'enterprise', 'minutes', NULL),
  ('miyabi', 'addon', 'issues', 1000), ('miyabi', 'addon', 'tokens', 1000000);

-- Down Migration
DELETE FROM platform.plan_limits WHERE (product, plan) IN (('speak', 'enterprise'), ('miyabi', 'addon'));
DELETE FROM platform.plans WHERE (product, plan) IN
  (('speak', 'enterprise'), ('nex', 'premium'), ('nex', 'pro'), ('miyabi', 'addon'));
DROP TABLE platform.products;
ALTER TABLE platform.plans DROP COLUMN tier, DROP COLUMN price_amount, DROP COLUMN currency,
  DROP COLUMN billing_period, DROP COLUMN trial_days, DROP COLUMN position;
