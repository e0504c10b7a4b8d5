-- Up Migration
-- A Miyabi add-on raises its base plugin's quotas (docs/products/miyabi.md, Usage and quotas):
-- every add-on is registered in the kernel's platform.quota_addons when it is published, so an
-- entitling add-on subscription, or a paid one-time pack, adds its plan's limits to the base
-- plugin's. Only an add-on by the base plugin's own author counts (the platform's packs for the
-- platform's plugins; an author's for their own): anyone may publish an add-on of any plugin,
-- and a third party's cheap add-on must not sell another author's quota. The base plugin of an
-- add-on is fixed once published, so registering at insert is enough.
-- yorozu_counters already reads plugin ids (0302); the author is what it needs besides.
GRANT SELECT (account_id) ON miyabi.plugins TO yorozu_counters;
GRANT SELECT, INSERT ON platform.quota_addons TO yorozu_counters;

CREATE FUNCTION miyabi.register_addon() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      INSERT INTO platform.quota_addons (product, subject, base_subject)
      SELECT 'miyabi', NEW.id, base.id
      FROM miyabi.plugins base
      WHERE base.id = NEW.requires_plugin AND base.account_id IS NOT DISTINCT FROM NEW.account_id
      ON CONFLICT (product, subject) DO NOTHING;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION miyabi.register_addon() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION miyabi.register_addon() FROM PUBLIC;
CREATE TRIGGER plugins_register_addon AFTER INSERT ON miyabi.plugins
  FOR EACH ROW WHEN (NEW.requires_plugin IS NOT NULL)
  EXECUTE FUNCTION miyabi.register_addon();

INSERT INTO platform.quota_addons (product, subject, base_subject)
SELECT 'miyabi', addon.id, base.id
FROM miyabi.plugins addon JOIN miyabi.plugins base ON base.id = addon.requires_plugin
WHERE base.account_id IS NOT DISTINCT FROM addon.account_id
ON CONFLICT (product, subject) DO NOTHING;

-- Down Migration
DROP TRIGGER plugins_register_addon ON miyabi.plugins;
DROP FUNCTION miyabi.register_addon();
DELETE FROM platform.quota_addons WHERE product = 'miyabi';
REVOKE SELECT, INSERT ON platform.quota_addons FROM yorozu_counters;
REVOKE SELECT (account_id) ON miyabi.plugins FROM yorozu_counters;
