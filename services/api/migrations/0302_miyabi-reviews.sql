-- Up Migration
-- Plugin reviews (docs/products/miyabi.md, Reviews): a shared interaction on a public plugin
-- (docs/architecture.md, Visibility and shared data). The reviewer owns the row; reviews of the
-- public catalogue are public; one per (account, plugin), written only by an account subscribed
-- to the plugin. The plugin's rating, and its download count, are moved by triggers owned by
-- yorozu_counters, never by the service role.

CREATE TABLE miyabi.reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  plugin_id text NOT NULL REFERENCES miyabi.plugins (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body text NOT NULL DEFAULT '' CHECK (char_length(body) <= 5000),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, plugin_id)
);
CREATE INDEX reviews_plugin_page_idx ON miyabi.reviews (plugin_id, created_at DESC, id DESC);

ALTER TABLE miyabi.reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY reviews_read ON miyabi.reviews FOR SELECT TO yorozu_app USING (true);
-- Only as oneself, and only with a subscription to the plugin (read under subscriptions_own, so
-- it can only be the caller's own).
CREATE POLICY reviews_insert ON miyabi.reviews FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (
      SELECT 1 FROM platform.subscriptions s
      WHERE s.account_id = platform.current_account_id() AND s.product = 'miyabi' AND s.subject = plugin_id
    )
  );
CREATE POLICY reviews_update ON miyabi.reviews FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY reviews_delete ON miyabi.reviews FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
GRANT SELECT, DELETE ON miyabi.reviews TO yorozu_app;
GRANT INSERT (account_id, plugin_id, rating, body) ON miyabi.reviews TO yorozu_app;
GRANT UPDATE (rating, body, updated_at) ON miyabi.reviews TO yorozu_app;

-- The counters' role: the rating and download columns of any plugin, and nothing else.
GRANT SELECT (id, rating, rating_total, rating_count, downloads),
      UPDATE (rating, rating_total, rating_count, downloads)
  ON miyabi.plugins TO yorozu_counters;
CREATE POLICY plugins_counters_read ON miyabi.plugins FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY plugins_counters_update ON miyabi.plugins FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);

-- One UPDATE per review written, changed or removed: the sum and count move by the row's
-- difference and the mean is recomputed from them (two decimals, as the original design's
-- NUMERIC(3, 2)), so no review is ever rescanned.
CREATE FUNCTION miyabi.count_review() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      plugin text := COALESCE(NEW.plugin_id, OLD.plugin_id);
      total_delta bigint := COALESCE(NEW.rating, 0) - COALESCE(OLD.rating, 0);
      count_delta bigint := (CASE WHEN TG_OP = 'INSERT' THEN 1 WHEN TG_OP = 'DELETE' THEN -1 ELSE 0 END);
    BEGIN
      UPDATE miyabi.plugins
      SET rating_total = rating_total + total_delta,
          rating_count = rating_count + count_delta,
          rating = CASE WHEN rating_count + count_delta = 0 THEN 0
                        ELSE round((rating_total + total_delta)::numeric / (rating_count + count_delta), 2) END
      WHERE id = plugin;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION miyabi.count_review() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION miyabi.count_review() FROM PUBLIC;
CREATE TRIGGER reviews_count AFTER INSERT OR DELETE OR UPDATE OF rating ON miyabi.reviews
  FOR EACH ROW EXECUTE FUNCTION miyabi.count_review();

-- Downloads: one per subscription started to a plugin (a kernel subscription row for miyabi
-- naming the plugin). A changed or renewed subscription is the same row: it counts once.
CREATE FUNCTION miyabi.count_download() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      UPDATE miyabi.plugins SET downloads = downloads + 1 WHERE id = NEW.subject;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION miyabi.count_download() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION miyabi.count_download() FROM PUBLIC;
CREATE TRIGGER subscriptions_count_miyabi_download AFTER INSERT ON platform.subscriptions
  FOR EACH ROW WHEN (NEW.product = 'miyabi' AND NEW.subject <> '')
  EXECUTE FUNCTION miyabi.count_download();

-- Down Migration
DROP TRIGGER subscriptions_count_miyabi_download ON platform.subscriptions;
DROP FUNCTION miyabi.count_download();
DROP TABLE miyabi.reviews;
DROP FUNCTION miyabi.count_review();
DROP POLICY plugins_counters_update ON miyabi.plugins;
DROP POLICY plugins_counters_read ON miyabi.plugins;
REVOKE ALL ON miyabi.plugins FROM yorozu_counters;
