-- Up Migration
-- Gamification (docs/products/nex.md, EXP, levels and achievements): the seed's exp_actions with
-- daily caps, an EXP log row per earning, levels from total EXP, achievements with per-account
-- progress. EXP is a counter on the creator row: only functions owned by yorozu_counters write
-- it, run by triggers on the interaction rows (a like credits the artwork's owner, not the liker)
-- and by nex.check_in(), which can only credit its caller.

CREATE TABLE nex.exp_actions (
  action_type text PRIMARY KEY,
  base_exp integer NOT NULL CHECK (base_exp > 0),
  description text NOT NULL,
  -- Earnings counted per account and UTC day; 0 = unlimited.
  max_daily_count integer NOT NULL DEFAULT 0 CHECK (max_daily_count >= 0),
  is_active boolean NOT NULL DEFAULT true
);
-- The seed's values; the caps are ours (docs/products/nex.md says why each).
INSERT INTO nex.exp_actions (action_type, base_exp, description, max_daily_count) VALUES
  ('artwork_post', 100, '作品投稿', 5),
  ('artwork_purchase', 50, '作品購入', 0),
  ('like_received', 10, 'いいね獲得', 30),
  ('comment_post', 5, 'コメント投稿', 20),
  ('sale_completed', 500, '販売成約', 0),
  ('stream_minute', 10, 'Live配信（分）', 0),
  ('event_created', 1000, 'イベント開催', 0),
  ('daily_login', 10, 'デイリーログイン', 1);

ALTER TABLE nex.creators
  ADD COLUMN likes_received bigint NOT NULL DEFAULT 0 CHECK (likes_received >= 0),
  ADD COLUMN artworks_posted bigint NOT NULL DEFAULT 0 CHECK (artworks_posted >= 0),
  ADD COLUMN login_streak integer NOT NULL DEFAULT 0 CHECK (login_streak >= 0),
  ADD COLUMN last_check_in date;

CREATE TABLE nex.user_exp_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  action_type text NOT NULL REFERENCES nex.exp_actions (action_type),
  -- 0 when the day's cap was reached: the attempt is recorded, and its key cannot earn again.
  exp_gained integer NOT NULL CHECK (exp_gained >= 0),
  reference_type text NOT NULL,
  reference_id uuid,
  -- What makes an earning happen once: e.g. one like of one artwork by one account.
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (account_id, action_type, dedupe_key)
);
CREATE INDEX user_exp_log_page_idx ON nex.user_exp_log (account_id, created_at DESC, id DESC);

-- The cap's counter per (account, action, UTC day): one conditional upsert per earning.
CREATE TABLE nex.exp_daily (
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  action_type text NOT NULL REFERENCES nex.exp_actions (action_type),
  day date NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (account_id, action_type, day)
);

CREATE TABLE nex.achievements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  description text NOT NULL,
  category text NOT NULL,
  condition_type text NOT NULL CHECK (condition_type IN ('count', 'amount', 'streak')),
  condition_value integer NOT NULL CHECK (condition_value > 0),
  -- The creator counter the condition reads.
  metric text NOT NULL CHECK (metric IN ('artworks_posted', 'likes_received', 'login_streak', 'collaborations_accepted', 'total_exp')),
  rarity text NOT NULL DEFAULT 'common' CHECK (rarity IN ('common', 'rare', 'epic', 'legendary')),
  is_hidden boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0
);
INSERT INTO nex.achievements (code, name, description, category, condition_type, condition_value, metric, rarity, is_hidden, sort_order) VALUES
  ('first_artwork', 'はじめての作品', 'Publish your first artwork.', 'creation', 'count', 1, 'artworks_posted', 'common', false, 1),
  ('ten_artworks', '十作品', 'Publish 10 artworks.', 'creation', 'count', 10, 'artworks_posted', 'rare', false, 2),
  ('hundred_likes', '百いいね', 'Receive 100 likes.', 'popularity', 'count', 100, 'likes_received', 'epic', false, 3),
  ('seven_day_streak', '七日連続', 'Check in 7 days in a row.', 'activity', 'streak', 7, 'login_streak', 'rare', false, 4),
  ('first_collaboration', 'はじめての共作', 'Have a collaboration request accepted.', 'collaboration', 'count', 1, 'collaborations_accepted', 'rare', false, 5),
  ('exp_10000', '一万EXP', 'Earn 10 000 EXP in total.', 'mastery', 'amount', 10000, 'total_exp', 'legendary', true, 6);

CREATE TABLE nex.user_achievements (
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  achievement_id uuid NOT NULL REFERENCES nex.achievements (id) ON DELETE CASCADE,
  progress integer NOT NULL DEFAULT 0 CHECK (progress >= 0),
  completed_at timestamptz,
  PRIMARY KEY (account_id, achievement_id)
);

ALTER TABLE nex.exp_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY exp_actions_read ON nex.exp_actions FOR SELECT USING (true);
ALTER TABLE nex.achievements ENABLE ROW LEVEL SECURITY;
CREATE POLICY achievements_read ON nex.achievements FOR SELECT USING (true);
ALTER TABLE nex.user_exp_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_exp_log_read ON nex.user_exp_log FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY user_exp_log_counters ON nex.user_exp_log TO yorozu_counters USING (true) WITH CHECK (true);
ALTER TABLE nex.user_achievements ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_achievements_read ON nex.user_achievements FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY user_achievements_counters ON nex.user_achievements TO yorozu_counters USING (true) WITH CHECK (true);
ALTER TABLE nex.exp_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY exp_daily_counters ON nex.exp_daily TO yorozu_counters USING (true) WITH CHECK (true);

-- The service reads; nothing here is written by it.
GRANT SELECT ON nex.exp_actions, nex.achievements, nex.user_exp_log, nex.user_achievements TO yorozu_app;
GRANT SELECT ON nex.exp_actions, nex.achievements TO yorozu_counters;
GRANT SELECT, INSERT, UPDATE ON nex.user_exp_log, nex.user_achievements, nex.exp_daily TO yorozu_counters;
GRANT SELECT (total_exp, level, likes_received, artworks_posted, login_streak, last_check_in),
  UPDATE (total_exp, level, likes_received, artworks_posted, login_streak, last_check_in)
  ON nex.creators TO yorozu_counters;

-- The level curve: level n needs 100·(n−1)² EXP (level 2 at 100, 3 at 400, 10 at 8 100).
CREATE FUNCTION nex.level_min_exp(level integer) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT 100 * (level - 1)::bigint * (level - 1) $$;
CREATE FUNCTION nex.level_for(exp bigint) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT floor(sqrt(exp / 100.0))::integer + 1 $$;
GRANT EXECUTE ON FUNCTION nex.level_min_exp(integer), nex.level_for(bigint) TO yorozu_app, yorozu_counters;

-- Progress on every active achievement reading `metric`, now at `value`: monotonic, completed once.
CREATE FUNCTION nex.track_achievements(account uuid, metric_ text, value bigint) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    INSERT INTO nex.user_achievements AS u (account_id, achievement_id, progress, completed_at)
    SELECT account, a.id, LEAST(value, a.condition_value),
           CASE WHEN value >= a.condition_value THEN now() END
    FROM nex.achievements a WHERE a.metric = metric_ AND a.is_active
    ON CONFLICT (account_id, achievement_id) DO UPDATE
      SET progress = GREATEST(u.progress, excluded.progress),
          completed_at = COALESCE(u.completed_at, excluded.completed_at)
  $$;

-- One earning: at most once per (account, action, dedupe key), within the action's daily cap
-- (a conditional upsert on the day's counter, race-free under READ COMMITTED: concurrent earnings
-- queue on the counter's row and each sees the count the previous one left).
CREATE FUNCTION nex.award_exp(account uuid, action text, ref_type text, ref_id uuid, dedupe text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      rule nex.exp_actions;
      logged uuid;
      total bigint;
    BEGIN
      SELECT * INTO rule FROM nex.exp_actions WHERE action_type = action AND is_active;
      IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM nex.creators WHERE account_id = account) THEN
        RETURN 0;
      END IF;
      INSERT INTO nex.user_exp_log (account_id, action_type, exp_gained, reference_type, reference_id, dedupe_key)
      VALUES (account, action, rule.base_exp, ref_type, ref_id, dedupe)
      ON CONFLICT (account_id, action_type, dedupe_key) DO NOTHING
      RETURNING id INTO logged;
      IF logged IS NULL THEN
        RETURN 0;
      END IF;
      IF rule.max_daily_count > 0 THEN
        INSERT INTO nex.exp_daily AS d (account_id, action_type, day, count)
        VALUES (account, action, (now() AT TIME ZONE 'UTC')::date, 1)
        ON CONFLICT (account_id, action_type, day) DO UPDATE SET count = d.count + 1
          WHERE d.count < rule.max_daily_count;
        IF NOT FOUND THEN
          UPDATE nex.user_exp_log SET exp_gained = 0 WHERE id = logged;
          RETURN 0;
        END IF;
      END IF;
      UPDATE nex.creators SET total_exp = total_exp + rule.base_exp, level = nex.level_for(total_exp + rule.base_exp)
      WHERE account_id = account
      RETURNING total_exp INTO total;
      PERFORM nex.track_achievements(account, 'total_exp', total);
      RETURN rule.base_exp;
    END
  $$;

ALTER FUNCTION nex.track_achievements(uuid, text, bigint) OWNER TO yorozu_counters;
ALTER FUNCTION nex.award_exp(uuid, text, text, uuid, text) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.track_achievements(uuid, text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION nex.award_exp(uuid, text, text, uuid, text) FROM PUBLIC;

-- Likes: the counter as before, plus the owner's likes_received and like_received EXP.
CREATE OR REPLACE FUNCTION nex.count_like() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      received bigint;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.artworks SET like_count = like_count + 1 WHERE id = NEW.artwork_id;
        UPDATE nex.creators SET likes_received = likes_received + 1 WHERE account_id = NEW.artwork_owner_id
        RETURNING likes_received INTO received;
        PERFORM nex.track_achievements(NEW.artwork_owner_id, 'likes_received', received);
        PERFORM nex.award_exp(NEW.artwork_owner_id, 'like_received', 'artwork', NEW.artwork_id,
                              'like:' || NEW.artwork_id || ':' || NEW.account_id);
      ELSE
        UPDATE nex.artworks SET like_count = like_count - 1 WHERE id = OLD.artwork_id;
        UPDATE nex.creators SET likes_received = likes_received - 1 WHERE account_id = OLD.artwork_owner_id;
      END IF;
      RETURN NULL;
    END
  $$;

-- Comments: the counter as before, plus comment_post EXP to the author.
CREATE OR REPLACE FUNCTION nex.count_comment() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.artworks SET comment_count = comment_count + 1 WHERE id = NEW.artwork_id;
        PERFORM nex.award_exp(NEW.account_id, 'comment_post', 'comment', NEW.id, 'comment:' || NEW.id);
      ELSIF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        UPDATE nex.artworks SET comment_count = comment_count - 1 WHERE id = NEW.artwork_id;
      END IF;
      RETURN NULL;
    END
  $$;

-- An artwork's first publication: artworks_posted and artwork_post EXP to its owner. (An UPDATE
-- trigger's WHEN may read OLD, an INSERT's may not: a republication is told apart in the body.)
CREATE FUNCTION nex.count_publication() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      posted bigint;
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.published_at IS NOT NULL THEN
        RETURN NULL;
      END IF;
      UPDATE nex.creators SET artworks_posted = artworks_posted + 1 WHERE account_id = NEW.account_id
      RETURNING artworks_posted INTO posted;
      PERFORM nex.track_achievements(NEW.account_id, 'artworks_posted', posted);
      PERFORM nex.award_exp(NEW.account_id, 'artwork_post', 'artwork', NEW.id, 'artwork:' || NEW.id);
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_publication() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_publication() FROM PUBLIC;
CREATE TRIGGER artworks_first_publication AFTER INSERT OR UPDATE OF published_at ON nex.artworks
  FOR EACH ROW WHEN (NEW.published_at IS NOT NULL)
  EXECUTE FUNCTION nex.count_publication();

-- The daily check-in: only for the calling account, once per UTC day; the streak grows on
-- consecutive days and starts again at 1 after a gap. Returns the streak and the EXP earned.
CREATE FUNCTION nex.check_in(OUT streak integer, OUT exp_gained integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      account uuid := platform.current_account_id();
      today date := (now() AT TIME ZONE 'UTC')::date;
    BEGIN
      UPDATE nex.creators SET
        login_streak = CASE
          WHEN last_check_in = today THEN login_streak
          WHEN last_check_in = today - 1 THEN login_streak + 1
          ELSE 1
        END,
        last_check_in = today
      WHERE account_id = account
      RETURNING login_streak INTO streak;
      IF streak IS NULL THEN
        exp_gained := 0;
        RETURN;
      END IF;
      PERFORM nex.track_achievements(account, 'login_streak', streak);
      exp_gained := nex.award_exp(account, 'daily_login', 'check_in', NULL, 'login:' || today);
    END
  $$;
ALTER FUNCTION nex.check_in() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.check_in() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.check_in() TO yorozu_app;

-- Down Migration
CREATE OR REPLACE FUNCTION nex.count_like() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.artworks SET like_count = like_count + 1 WHERE id = NEW.artwork_id;
      ELSE
        UPDATE nex.artworks SET like_count = like_count - 1 WHERE id = OLD.artwork_id;
      END IF;
      RETURN NULL;
    END
  $$;
CREATE OR REPLACE FUNCTION nex.count_comment() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.artworks SET comment_count = comment_count + 1 WHERE id = NEW.artwork_id;
      ELSIF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        UPDATE nex.artworks SET comment_count = comment_count - 1 WHERE id = NEW.artwork_id;
      END IF;
      RETURN NULL;
    END
  $$;
DROP FUNCTION nex.check_in();
DROP TRIGGER artworks_first_publication ON nex.artworks;
DROP FUNCTION nex.count_publication();
DROP FUNCTION nex.award_exp(uuid, text, text, uuid, text);
DROP FUNCTION nex.track_achievements(uuid, text, bigint);
DROP FUNCTION nex.level_for(bigint);
DROP FUNCTION nex.level_min_exp(integer);
DROP TABLE nex.user_achievements, nex.achievements, nex.exp_daily, nex.user_exp_log, nex.exp_actions;
ALTER TABLE nex.creators DROP COLUMN likes_received, DROP COLUMN artworks_posted, DROP COLUMN login_streak,
  DROP COLUMN last_check_in;
