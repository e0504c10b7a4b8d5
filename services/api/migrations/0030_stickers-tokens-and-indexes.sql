-- Up Migration
-- The sticker generator (docs/products/stickers.md): tokens counted, and the
-- original design's task and usage indexes where a query uses them.

-- usage_stats.total_tokens: a rendered sticker adds its prompt's size in
-- tokens, which the request counted and put in the job's payload
-- (src/modules/stickers/tokens.ts), in the transaction that settles the job,
-- like the other counters. Payloads from before this migration have none: 0.
CREATE OR REPLACE FUNCTION stickers.count_render_outcome() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    v_rendered integer := CASE WHEN NEW.status = 'succeeded' THEN 1 ELSE 0 END;
    v_tokens bigint := CASE WHEN NEW.status = 'succeeded'
                            THEN COALESCE((NEW.payload ->> 'promptTokens')::bigint, 0) ELSE 0 END;
  BEGIN
    INSERT INTO stickers.usage_stats (account_id, day, image_count, total_tokens, success_count, failure_count)
    VALUES (NEW.account_id, (NEW.payload ->> 'day')::date, v_rendered, v_tokens, v_rendered, 1 - v_rendered)
    ON CONFLICT (account_id, day) DO UPDATE SET
      image_count = stickers.usage_stats.image_count + EXCLUDED.image_count,
      total_tokens = stickers.usage_stats.total_tokens + EXCLUDED.total_tokens,
      success_count = stickers.usage_stats.success_count + EXCLUDED.success_count,
      failure_count = stickers.usage_stats.failure_count + EXCLUDED.failure_count,
      updated_at = clock_timestamp();
    RETURN NULL;
  END
  $$;

-- The original design's task index (userId, status), for GET /v1/jobs?status=…
-- (src/kernel/jobs/queries.ts, listJobs): the account's jobs of one status,
-- newest first, a keyset page read in index order.
CREATE INDEX jobs_account_status_page_idx ON platform.jobs (account_id, status, created_at DESC, id DESC);

-- The original design's usage-by-date index is UNIQUE (account_id, day) of
-- 0005: GET /v1/stickers/usage reads one account's days in a date range,
-- newest first, which that index serves; a (day) index alone would serve
-- only a report across every account, which no query makes.

-- Down Migration
DROP INDEX platform.jobs_account_status_page_idx;
CREATE OR REPLACE FUNCTION stickers.count_render_outcome() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    v_rendered integer := CASE WHEN NEW.status = 'succeeded' THEN 1 ELSE 0 END;
  BEGIN
    INSERT INTO stickers.usage_stats (account_id, day, image_count, success_count, failure_count)
    VALUES (NEW.account_id, (NEW.payload ->> 'day')::date, v_rendered, v_rendered, 1 - v_rendered)
    ON CONFLICT (account_id, day) DO UPDATE SET
      image_count = stickers.usage_stats.image_count + EXCLUDED.image_count,
      success_count = stickers.usage_stats.success_count + EXCLUDED.success_count,
      failure_count = stickers.usage_stats.failure_count + EXCLUDED.failure_count,
      updated_at = clock_timestamp();
    RETURN NULL;
  END
  $$;
