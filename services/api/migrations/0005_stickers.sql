-- Up Migration
-- The sticker generator (docs/products/stickers.md), on PostgreSQL instead of
-- the original design's SQLite. Its User/Account/Session tables are the kernel's
-- accounts; its Task is the kernel job (platform.jobs, type
-- 'stickers.render'), whose payload is the task's `data` and whose
-- result/error/progress are the task's columns. What stays here:
-- GeneratedImage, ImageCache and UsageStats, each with account_id (the shard
-- key) and row-level security.
--
-- attribute, rarity, effects and style are validated against the contract's
-- enumerations (packages/contract/src/stickers/options.ts), the one list of
-- each; the table does not repeat them.

CREATE SCHEMA stickers;
GRANT USAGE ON SCHEMA stickers TO yorozu_app;

-- Seed: GeneratedImage. imageUrl → file_id (the kernel file store);
-- sourceImageUrl → source_image_file_id. A file referenced here cannot be
-- deleted through /v1/files (409): delete the sticker instead.
CREATE TABLE stickers.generated_images (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  -- The job that rendered it; unique, so a job retried after it stored the
  -- image finds it instead of rendering it twice. Finished jobs are deleted
  -- 7 days after they were created (cleanup), the image stays.
  job_id uuid UNIQUE REFERENCES platform.jobs (id) ON DELETE SET NULL,
  file_id uuid NOT NULL REFERENCES platform.files (id),
  prompt text NOT NULL,
  -- SHA-256 (hex) of the normalised request: the image_cache key.
  prompt_hash text NOT NULL CHECK (prompt_hash ~ '^[0-9a-f]{64}$'),
  source_image_file_id uuid REFERENCES platform.files (id),
  title text NOT NULL,
  character_name text NOT NULL,
  attribute text NOT NULL,
  rarity text NOT NULL,
  background_color text NOT NULL CHECK (background_color ~ '^#[0-9a-f]{6}$'),
  effects jsonb NOT NULL,
  style jsonb NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/svg+xml', 'image/png')),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  generator text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- The original (userId, createdAt) history index, plus one per list filter.
CREATE INDEX generated_images_account_page_idx
  ON stickers.generated_images (account_id, created_at DESC, id DESC);
CREATE INDEX generated_images_account_rarity_page_idx
  ON stickers.generated_images (account_id, rarity, created_at DESC, id DESC);
CREATE INDEX generated_images_account_attribute_page_idx
  ON stickers.generated_images (account_id, attribute, created_at DESC, id DESC);
-- Foreign keys without an index make every file delete scan this table.
CREATE INDEX generated_images_file_idx ON stickers.generated_images (file_id);
CREATE INDEX generated_images_source_image_file_idx
  ON stickers.generated_images (source_image_file_id) WHERE source_image_file_id IS NOT NULL;

-- ImageCache. The original design's cache is global (promptHash unique); here it is
-- per account, because a request may embed the account's own source image
-- and row-level security keeps accounts apart. It points at the image the
-- hash produced, whose file it serves; deleting the image deletes the entry.
CREATE TABLE stickers.image_cache (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  prompt_hash text NOT NULL CHECK (prompt_hash ~ '^[0-9a-f]{64}$'),
  image_id uuid NOT NULL REFERENCES stickers.generated_images (id) ON DELETE CASCADE,
  metadata jsonb,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (account_id, prompt_hash)
);
-- The original expiresAt index, for the cleanup.
CREATE INDEX image_cache_expires_idx ON stickers.image_cache (expires_at);
CREATE INDEX image_cache_image_idx ON stickers.image_cache (image_id);

-- Seed: UsageStats, one row per account and UTC day, changed only by
-- `INSERT … ON CONFLICT DO UPDATE SET n = n + 1` (atomic under concurrency).
-- cache_hit_count is ours: requests served from image_cache spend no quota
-- and render nothing, so they are counted apart.
CREATE TABLE stickers.usage_stats (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  day date NOT NULL,
  image_count integer NOT NULL DEFAULT 0 CHECK (image_count >= 0),
  total_tokens bigint NOT NULL DEFAULT 0 CHECK (total_tokens >= 0),
  success_count integer NOT NULL DEFAULT 0 CHECK (success_count >= 0),
  failure_count integer NOT NULL DEFAULT 0 CHECK (failure_count >= 0),
  cache_hit_count integer NOT NULL DEFAULT 0 CHECK (cache_hit_count >= 0),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (account_id, day)
);

-- Rendered and failed jobs are counted where the job settles. The kernel
-- moves a job to succeeded, failed or canceled exactly once (a guarded
-- UPDATE), and the refund of a failed or canceled job commits with that
-- change; counting in the same transaction keeps image_count equal to the
-- day's spends less refunds in the quota ledger, and failure_count equal to
-- its refunds, whichever path settled the job (its last attempt, a cancel
-- while queued or running). `day` is the UTC day the quota was spent on,
-- which the request put in the payload. Runs as the caller, under RLS: the
-- kernel settles a job in a transaction bound to the job's account.
CREATE FUNCTION stickers.count_render_outcome() RETURNS trigger
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
CREATE TRIGGER stickers_count_render_outcome AFTER UPDATE OF status ON platform.jobs
  FOR EACH ROW
  WHEN (
    NEW.type = 'stickers.render'
    AND OLD.status IN ('queued', 'running')
    AND NEW.status IN ('succeeded', 'failed', 'canceled')
  )
  EXECUTE FUNCTION stickers.count_render_outcome();

ALTER TABLE stickers.generated_images ENABLE ROW LEVEL SECURITY;
CREATE POLICY generated_images_own ON stickers.generated_images
  USING (account_id = platform.current_account_id());
ALTER TABLE stickers.image_cache ENABLE ROW LEVEL SECURITY;
CREATE POLICY image_cache_own ON stickers.image_cache USING (account_id = platform.current_account_id());
ALTER TABLE stickers.usage_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY usage_stats_own ON stickers.usage_stats USING (account_id = platform.current_account_id());

-- Images are immutable once rendered: inserted, read, deleted.
GRANT SELECT, INSERT, DELETE ON stickers.generated_images TO yorozu_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON stickers.image_cache TO yorozu_app;
GRANT SELECT, INSERT, UPDATE ON stickers.usage_stats TO yorozu_app;

-- Maintenance (docs/products/stickers.md), run by a scheduled job across
-- every account, so as the owner (SECURITY DEFINER; the service role sees one
-- account at a time). Each call deletes at most p_limit rows; rows another
-- run has locked are skipped, so several workers running it at once split
-- the rows and none is deleted twice.

-- The original Task index on createdAt, "for the cleanup of old tasks".
CREATE INDEX jobs_stickers_cleanup_idx ON platform.jobs (created_at)
  WHERE type = 'stickers.render' AND finished_at IS NOT NULL;

-- Finished sticker jobs (the original design's completed and failed tasks, and canceled
-- ones) created more than p_older_than ago. Their images stay (job_id is set
-- to null); their events go with them.
CREATE FUNCTION stickers.delete_finished_tasks(p_older_than interval, p_limit integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    WITH doomed AS (
      SELECT id FROM platform.jobs
      WHERE type = 'stickers.render' AND finished_at IS NOT NULL AND created_at < now() - p_older_than
      ORDER BY created_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ), deleted AS (
      DELETE FROM platform.jobs USING doomed WHERE platform.jobs.id = doomed.id RETURNING 1
    )
    SELECT count(*)::integer FROM deleted
  $$;

-- Expired cache entries. The image an entry served stays in the account's
-- history with its file; a file is deleted with its image (DELETE
-- /v1/stickers/images/{id}), never left without one.
CREATE FUNCTION stickers.delete_expired_cache(p_limit integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    WITH doomed AS (
      SELECT id FROM stickers.image_cache
      WHERE expires_at <= now()
      ORDER BY expires_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ), deleted AS (
      DELETE FROM stickers.image_cache USING doomed WHERE stickers.image_cache.id = doomed.id RETURNING 1
    )
    SELECT count(*)::integer FROM deleted
  $$;

REVOKE ALL ON FUNCTION stickers.delete_finished_tasks(interval, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION stickers.delete_expired_cache(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stickers.delete_finished_tasks(interval, integer) TO yorozu_app;
GRANT EXECUTE ON FUNCTION stickers.delete_expired_cache(integer) TO yorozu_app;

-- Down Migration
DROP TRIGGER stickers_count_render_outcome ON platform.jobs;
DROP INDEX platform.jobs_stickers_cleanup_idx;
DROP SCHEMA stickers CASCADE;
