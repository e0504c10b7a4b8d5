-- Up Migration
-- Licence keys (docs/products/miyabi.md, Licences): every licence is an EdDSA (Ed25519) JWT a
-- plugin verifies offline against the published key set. The original design keeps one
-- `license_key` text on the subscription; here each issued licence is a row (its id is the JWT's
-- `jti`), so a leaked licence can be revoked alone and the revocation list can name it.

-- The signing keys, newest signs. Not tenant data: no account_id. The private key is sealed with
-- AES-256-GCM under a key derived from the server secret (kernel/auth/sealing.ts), so the
-- database alone never holds it in clear. A retired key stops signing (`signs_until`) and stays
-- in the published set until every licence it signed has expired (`published_until`).
CREATE TABLE miyabi.license_keys (
  kid text PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{8,64}$'),
  public_jwk jsonb NOT NULL CHECK (jsonb_typeof(public_jwk) = 'object'),
  sealed_private_jwk bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  signs_until timestamptz,
  published_until timestamptz,
  CHECK ((signs_until IS NULL) = (published_until IS NULL))
);
-- At most one key signs at a time.
CREATE UNIQUE INDEX license_keys_signing_idx ON miyabi.license_keys ((true)) WHERE signs_until IS NULL;

ALTER TABLE miyabi.license_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY license_keys_read ON miyabi.license_keys FOR SELECT TO yorozu_app USING (true);
CREATE POLICY license_keys_insert ON miyabi.license_keys FOR INSERT TO yorozu_app WITH CHECK (signs_until IS NULL);
CREATE POLICY license_keys_retire ON miyabi.license_keys FOR UPDATE TO yorozu_app USING (signs_until IS NULL)
  WITH CHECK (signs_until IS NOT NULL);
GRANT SELECT ON miyabi.license_keys TO yorozu_app;
GRANT INSERT (kid, public_jwk, sealed_private_jwk) ON miyabi.license_keys TO yorozu_app;
GRANT UPDATE (signs_until, published_until) ON miyabi.license_keys TO yorozu_app;

CREATE TABLE miyabi.licenses (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  subscription_id uuid NOT NULL,
  plugin_id text NOT NULL REFERENCES miyabi.plugins (id),
  plan text NOT NULL,
  key_id text NOT NULL REFERENCES miyabi.license_keys (kid),
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revocation_reason text CHECK (revocation_reason IN ('revoked_by_owner', 'subscription_ended')),
  CHECK (expires_at > issued_at),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
  FOREIGN KEY (account_id, subscription_id) REFERENCES platform.subscriptions (account_id, id) ON DELETE CASCADE
);
CREATE INDEX licenses_account_page_idx ON miyabi.licenses (account_id, issued_at DESC, id DESC);
CREATE INDEX licenses_subscription_idx ON miyabi.licenses (account_id, subscription_id) WHERE revoked_at IS NULL;

ALTER TABLE miyabi.licenses ENABLE ROW LEVEL SECURITY;
CREATE POLICY licenses_read ON miyabi.licenses FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY licenses_insert ON miyabi.licenses FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
-- Only a licence not yet revoked: a revocation is final.
CREATE POLICY licenses_update ON miyabi.licenses FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id() AND revoked_at IS NULL)
  WITH CHECK (account_id = platform.current_account_id());
GRANT SELECT ON miyabi.licenses TO yorozu_app;
GRANT INSERT (id, account_id, subscription_id, plugin_id, plan, key_id, issued_at, expires_at) ON miyabi.licenses
  TO yorozu_app;
GRANT UPDATE (revoked_at, revocation_reason) ON miyabi.licenses TO yorozu_app;

-- The revocation list: public (a plugin checks it online without credentials), so it holds no
-- account, only the licence id, its plugin and its expiry. Written by the trigger below only;
-- rows whose licence has expired leave the list (the JWT is refused offline anyway).
CREATE TABLE miyabi.license_revocations (
  license_id uuid PRIMARY KEY,
  plugin_id text NOT NULL,
  reason text NOT NULL,
  revoked_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX license_revocations_page_idx ON miyabi.license_revocations (revoked_at DESC, license_id DESC);
CREATE INDEX license_revocations_plugin_idx ON miyabi.license_revocations (plugin_id, revoked_at DESC, license_id DESC);
ALTER TABLE miyabi.license_revocations ENABLE ROW LEVEL SECURITY;
CREATE POLICY license_revocations_read ON miyabi.license_revocations FOR SELECT TO yorozu_app USING (true);
GRANT SELECT ON miyabi.license_revocations TO yorozu_app;
GRANT SELECT (license_id), INSERT ON miyabi.license_revocations TO yorozu_counters;
CREATE POLICY license_revocations_insert ON miyabi.license_revocations FOR INSERT TO yorozu_counters WITH CHECK (true);
-- ON CONFLICT checks the existing row, which needs a read policy too.
CREATE POLICY license_revocations_counters_read ON miyabi.license_revocations FOR SELECT TO yorozu_counters USING (true);

CREATE FUNCTION miyabi.publish_revocation() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      INSERT INTO miyabi.license_revocations (license_id, plugin_id, reason, revoked_at, expires_at)
      VALUES (NEW.id, NEW.plugin_id, NEW.revocation_reason, NEW.revoked_at, NEW.expires_at)
      ON CONFLICT (license_id) DO NOTHING;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION miyabi.publish_revocation() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION miyabi.publish_revocation() FROM PUBLIC;
CREATE TRIGGER licenses_publish_revocation AFTER UPDATE OF revoked_at ON miyabi.licenses
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION miyabi.publish_revocation();

-- A plugin subscription that ends at once (Stripe's deletion, an unpaid or expired one, a
-- subscription without a period canceled) revokes its licences that have not expired. Runs as
-- the caller, so licenses_update's RLS applies: the statement that changed the subscription was
-- bound to its account.
CREATE FUNCTION miyabi.revoke_ended_licenses() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      UPDATE miyabi.licenses SET revoked_at = now(), revocation_reason = 'subscription_ended'
      WHERE account_id = NEW.account_id AND subscription_id = NEW.id AND revoked_at IS NULL AND expires_at > now();
      RETURN NULL;
    END
  $$;
CREATE TRIGGER subscriptions_revoke_miyabi_licenses AFTER UPDATE OF status ON platform.subscriptions
  FOR EACH ROW WHEN (
    NEW.product = 'miyabi' AND NEW.subject <> '' AND OLD.status IS DISTINCT FROM NEW.status
    AND NEW.status IN ('canceled', 'unpaid', 'incomplete_expired')
  )
  EXECUTE FUNCTION miyabi.revoke_ended_licenses();

-- Down Migration
DROP TRIGGER subscriptions_revoke_miyabi_licenses ON platform.subscriptions;
DROP FUNCTION miyabi.revoke_ended_licenses();
DROP TABLE miyabi.license_revocations;
DROP TABLE miyabi.licenses;
DROP FUNCTION miyabi.publish_revocation();
DROP TABLE miyabi.license_keys;
