-- Up Migration
-- The Miyabi plugin catalogue (docs/products/miyabi.md, Marketplace): public rows anyone may read,
-- published and edited by their author; `verified` and `featured` are set by an admin only, and
-- `downloads` and `rating` are counters no caller writes (docs/architecture.md, Visibility and
-- shared data). Differences from the original design, with their reasons, are on that page:
-- * author_id → account_id (the kernel's accounts); NULL for the platform's own catalogue,
--   which this migration publishes;
-- * a `row_id` uuid beside the slug id: the kernel's keyset cursors end in a uuid;
-- * rating kept with its sum and count, so a review changes it by one UPDATE without a scan;
-- * `trial_period` is `trial_days`, as in the plan catalogue.

CREATE TABLE miyabi.plugins (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$'),
  row_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  account_id uuid REFERENCES platform.accounts (id) ON DELETE SET NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
  source text NOT NULL CHECK (char_length(source) BETWEEN 1 AND 500),
  -- Semantic Versioning 2.0.0; the service checks the identifiers, this the overall shape.
  version text NOT NULL CHECK (char_length(version) <= 200 AND version ~ '^\d+\.\d+\.\d+([-+].+)?$'),
  tier text NOT NULL CHECK (tier IN ('free', 'pro', 'enterprise', 'addon')),
  price_amount integer NOT NULL DEFAULT 0 CHECK (price_amount BETWEEN 0 AND 100000000),
  currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  billing_period text NOT NULL DEFAULT 'monthly' CHECK (billing_period IN ('monthly', 'yearly', 'one-time')),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  features jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(features) = 'array'),
  limitations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(limitations) = 'object'),
  categories text[] NOT NULL DEFAULT '{}' CHECK (cardinality(categories) <= 10),
  verified boolean NOT NULL DEFAULT false,
  featured boolean NOT NULL DEFAULT false,
  downloads bigint NOT NULL DEFAULT 0 CHECK (downloads >= 0),
  rating numeric(3, 2) NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  rating_total bigint NOT NULL DEFAULT 0 CHECK (rating_total >= 0),
  rating_count bigint NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  requires_plugin text REFERENCES miyabi.plugins (id),
  trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 365),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((tier = 'free') = (price_amount = 0)),
  -- An add-on extends a base plugin, and only an add-on needs one.
  CHECK ((tier = 'addon') = (requires_plugin IS NOT NULL)),
  CHECK (requires_plugin <> id)
);
CREATE INDEX plugins_newest_idx ON miyabi.plugins (created_at DESC, row_id DESC);
CREATE INDEX plugins_downloads_idx ON miyabi.plugins (downloads DESC, created_at DESC, row_id DESC);
CREATE INDEX plugins_rating_idx ON miyabi.plugins (rating DESC, created_at DESC, row_id DESC);
CREATE INDEX plugins_categories_idx ON miyabi.plugins USING gin (categories);
CREATE INDEX plugins_tier_idx ON miyabi.plugins (tier);
CREATE INDEX plugins_featured_idx ON miyabi.plugins (created_at DESC, row_id DESC) WHERE featured;
CREATE INDEX plugins_verified_idx ON miyabi.plugins (created_at DESC, row_id DESC) WHERE verified;
CREATE INDEX plugins_author_idx ON miyabi.plugins (account_id);

ALTER TABLE miyabi.plugins ENABLE ROW LEVEL SECURITY;
-- A plugin is published when it is created: the catalogue is public.
CREATE POLICY plugins_read ON miyabi.plugins FOR SELECT TO yorozu_app USING (true);
CREATE POLICY plugins_insert ON miyabi.plugins FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY plugins_update ON miyabi.plugins FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
-- No DELETE: subscribers' licences and usage name the plugin.
GRANT SELECT ON miyabi.plugins TO yorozu_app;
GRANT INSERT (id, account_id, name, display_name, source, version, tier, price_amount, currency, billing_period,
              description, features, limitations, categories, requires_plugin, trial_days)
  ON miyabi.plugins TO yorozu_app;
GRANT UPDATE (display_name, source, version, price_amount, currency, billing_period, description, features,
              limitations, categories, trial_days, updated_at)
  ON miyabi.plugins TO yorozu_app;

-- Curation: `verified` and `featured` change only through this function, which checks the
-- caller's role itself (a second wall behind the service's check). SECURITY DEFINER, as the
-- tables' owner, with the search path pinned.
CREATE FUNCTION miyabi.curate_plugin(p_id text, p_verified boolean, p_featured boolean) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NOT EXISTS (
        SELECT 1 FROM platform.accounts WHERE id = platform.current_account_id() AND role = 'admin'
      ) THEN
        RAISE EXCEPTION 'curating plugins needs the admin role' USING ERRCODE = 'insufficient_privilege';
      END IF;
      UPDATE miyabi.plugins
      SET verified = COALESCE(p_verified, verified), featured = COALESCE(p_featured, featured), updated_at = now()
      WHERE id = p_id;
      RETURN FOUND;
    END
  $$;
REVOKE ALL ON FUNCTION miyabi.curate_plugin(text, boolean, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.curate_plugin(text, boolean, boolean) TO yorozu_app;

-- The platform's own catalogue. Prices in USD cents; tiers map to the miyabi plans of the plan
-- catalogue (platform.plans), which set each plugin's quotas.
INSERT INTO miyabi.plugins (id, name, display_name, source, version, tier, price_amount, billing_period, description,
                            features, limitations, categories, verified, featured, requires_plugin, trial_days,
                            created_at)
VALUES
  ('miyabi-core', 'core', 'Miyabi Core', 'https://github.com/miyabi-platform/miyabi-core', '1.4.0', 'free', 0,
   'monthly', 'The Coordinator and Issue agents: triage issues and plan the work.',
   '["issue triage", "task decomposition", "label suggestions"]', '{"issuesPerMonth": 100}',
   '{core, issues}', true, true, NULL, 0, '2026-01-05T00:00:00Z'),
  ('miyabi-codegen', 'codegen', 'Miyabi CodeGen', 'https://github.com/miyabi-platform/miyabi-codegen', '2.1.3',
   'pro', 1900, 'monthly', 'The CodeGen agent writes changes for planned issues and opens pull requests.',
   '["code generation", "pull requests", "test scaffolding"]', '{"issuesPerMonth": 1000}',
   '{codegen, pull-requests}', true, true, NULL, 14, '2026-01-12T00:00:00Z'),
  ('miyabi-review', 'review', 'Miyabi Review', 'https://github.com/miyabi-platform/miyabi-review', '1.8.0', 'pro',
   1500, 'monthly', 'The Review agent reads pull requests and comments with findings and a quality score.',
   '["code review", "quality score", "security hints"]', '{"issuesPerMonth": 1000}', '{review, quality}', true,
   false, NULL, 14, '2026-01-20T00:00:00Z'),
  ('miyabi-operations-pro', 'operations-pro', 'Miyabi Operations Pro',
   'https://github.com/miyabi-platform/miyabi-operations', '3.0.0', 'pro', 4900, 'monthly',
   'Every agent of the platform with workflows and the realtime dashboard.',
   '["all agents", "workflows", "realtime dashboard"]', '{"issuesPerMonth": 1000}', '{operations, workflows}',
   true, true, NULL, 14, '2026-02-01T00:00:00Z'),
  ('miyabi-deploy', 'deploy', 'Miyabi Deploy', 'https://github.com/miyabi-platform/miyabi-deploy', '1.2.0', 'pro',
   2900, 'monthly', 'The Deployment agent ships merged changes to staging and production with checks.',
   '["deployments", "rollbacks", "health checks"]', '{"deploymentsPerMonth": 200}', '{deployment, devops}', true,
   false, NULL, 7, '2026-02-10T00:00:00Z'),
  ('miyabi-enterprise', 'enterprise', 'Miyabi Enterprise', 'https://github.com/miyabi-platform/miyabi-enterprise',
   '3.0.0', 'enterprise', 49900, 'yearly', 'Unlimited agents and usage, SSO and audit exports, priced per year.',
   '["unlimited usage", "SSO", "audit export", "priority support"]', '{}', '{operations, enterprise}', true,
   false, NULL, 0, '2026-02-15T00:00:00Z'),
  ('miyabi-line-bot', 'line-bot', 'Miyabi LINE Bot', 'https://github.com/miyabi-platform/miyabi-line-bot', '0.9.2',
   'free', 0, 'monthly', 'File and follow issues from LINE chats, in Japanese or English.',
   '["issue creation from chat", "status replies"]', '{"messagesPerMonth": 1000}', '{chat, issues}', false,
   false, NULL, 0, '2026-03-01T00:00:00Z'),
  ('miyabi-token-pack', 'token-pack', 'Miyabi Token Pack', 'https://github.com/miyabi-platform/miyabi-packs',
   '1.0.0', 'addon', 500, 'one-time', 'One pack of extra model tokens and issues for Miyabi CodeGen.',
   '["1 000 issues", "1 000 000 tokens"]', '{}', '{addon, tokens}', true, false, 'miyabi-codegen', 0,
   '2026-03-05T00:00:00Z'),
  ('miyabi-review-insights', 'review-insights', 'Review Insights', 'https://github.com/miyabi-platform/miyabi-packs',
   '1.1.0', 'addon', 900, 'monthly', 'Trends of review findings per repository, on top of Miyabi Review.',
   '["finding trends", "weekly digest"]', '{}', '{addon, review, quality}', false, false, 'miyabi-review', 0,
   '2026-03-12T00:00:00Z'),
  ('miyabi-docs-writer', 'docs-writer', 'Docs Writer', 'https://github.com/miyabi-platform/miyabi-docs-writer',
   '0.4.1-beta.2', 'free', 0, 'monthly', 'Drafts README and changelog updates from merged pull requests.',
   '["README drafts", "changelog entries"]', '{"issuesPerMonth": 100}', '{documentation}', false, false, NULL, 0,
   '2026-03-20T00:00:00Z'),
  ('miyabi-security-scan', 'security-scan', 'Security Scan',
   'https://github.com/miyabi-platform/miyabi-security-scan', '2.0.0', 'pro', 2500, 'monthly',
   'Scans dependencies and changes for known vulnerabilities before the Deployment agent ships them.',
   '["dependency audit", "secret detection"]', '{"scansPerMonth": 500}', '{security, quality}', true, false,
   NULL, 7, '2026-04-01T00:00:00Z'),
  ('miyabi-analytics', 'analytics', 'Miyabi Analytics', 'https://github.com/miyabi-platform/miyabi-analytics',
   '1.0.0', 'pro', 1200, 'yearly', 'Cycle time, throughput and agent success rates per repository.',
   '["cycle time", "agent success rate", "CSV export"]', '{"repositories": 20}', '{analytics, operations}', false,
   false, NULL, 14, '2026-04-10T00:00:00Z');

-- Down Migration
DROP TABLE miyabi.plugins;
DROP FUNCTION miyabi.curate_plugin(text, boolean, boolean);
