-- Up Migration
-- Subscriptions per (account, product, subject) with their lifecycle (docs/architecture.md, Plans
-- and subscriptions).
--
-- subject: '' for a subscription to the whole product (studio, speak, nex, stickers: the only
-- kind; miyabi: every plugin), a plugin id for one plugin's subscription (miyabi sells one per
-- plugin). '' rather than NULL keeps the key a plain primary key, as quota_counters.subject does.
ALTER TABLE platform.subscriptions
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN subject text NOT NULL DEFAULT '' CHECK (length(subject) <= 200),
  -- Stripe's flag: the subscription stays as it is until current_period_end, then ends.
  ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false,
  ADD COLUMN trial_end timestamptz,
  ADD COLUMN canceled_at timestamptz,
  DROP CONSTRAINT subscriptions_pkey,
  ADD PRIMARY KEY (account_id, product, subject),
  -- account_id first: unique within the shard key (docs/architecture.md, Tenancy).
  ADD UNIQUE (account_id, id);
CREATE INDEX subscriptions_account_page_idx ON platform.subscriptions (account_id, created_at DESC, id DESC);

-- Until this migration a subscription that stopped entitling (canceled, unpaid …) was stored on
-- the free plan; now the row keeps the plan that was bought and entitlement is derived from the
-- status (below). The plan those rows had is gone, so they keep 'free'.

DROP FUNCTION platform.current_plan(uuid, text);

-- The plan that applies to an account's use of a product for one subject ('' for account-wide
-- metrics, a plugin id for per-plugin ones): that subject's own subscription, else the one for
-- the whole product, else 'free'. A subscription entitles while Stripe still bills it (active,
-- trialing, past_due) and, when set to cancel at period end, until that end: nothing has to run
-- at the period's end for it to stop. Runs as the caller, so RLS applies; plpgsql so its plan is
-- cached per session (0012_quota-spend-last.sql).
CREATE FUNCTION platform.current_plan(p_account_id uuid, p_product text, p_subject text) RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
  BEGIN
    RETURN COALESCE(
      (SELECT plan FROM platform.subscriptions
        WHERE account_id = p_account_id AND product = p_product AND subject IN (p_subject, '')
          AND status IN ('active', 'trialing', 'past_due')
          AND NOT (cancel_at_period_end AND current_period_end IS NOT NULL AND current_period_end <= now())
        ORDER BY subject DESC
        LIMIT 1),
      'free');
  END
  $$;
GRANT EXECUTE ON FUNCTION platform.current_plan(uuid, text, text) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.current_plan(uuid, text, text);
CREATE FUNCTION platform.current_plan(p_account_id uuid, p_product text) RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
  BEGIN
    RETURN COALESCE(
      (SELECT plan FROM platform.subscriptions WHERE account_id = p_account_id AND product = p_product),
      'free');
  END
  $$;
GRANT EXECUTE ON FUNCTION platform.current_plan(uuid, text) TO yorozu_app;
DELETE FROM platform.subscriptions WHERE subject <> '';
DROP INDEX platform.subscriptions_account_page_idx;
ALTER TABLE platform.subscriptions
  DROP CONSTRAINT subscriptions_pkey,
  DROP CONSTRAINT subscriptions_account_id_id_key,
  ADD PRIMARY KEY (account_id, product),
  DROP COLUMN id, DROP COLUMN subject, DROP COLUMN cancel_at_period_end, DROP COLUMN trial_end,
  DROP COLUMN canceled_at;
