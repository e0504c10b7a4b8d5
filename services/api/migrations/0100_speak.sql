-- Up Migration
-- WorldSpeakAI (docs/products/speak.md): learner profiles, language settings, scripts,
-- conversations, messages, hourly usage, progress and achievements, in the `speak` schema.
-- The seed's users/profiles become a per-product profile keyed by the kernel account; its
-- subscriptions table is the kernel's (platform.subscriptions, plans free/standard/premium/
-- enterprise); its audit_logs are the kernel audit log. Every tenant row carries account_id with
-- RLS policies per command; scripts are public rows (catalogue rows have no owner).

CREATE SCHEMA speak;
GRANT USAGE ON SCHEMA speak TO yorozu_app;

-- Microphone time is metered in seconds (a turn's measured duration, rounded up to the second)
-- and shown in minutes: the plans' 60 / 900 / 3000 minutes become 3600 / 54000 / 180000 seconds.
-- The `minutes` metric could only count whole minutes, so a 10 s turn would cost a minute.
INSERT INTO platform.metrics (product, metric, period, per, description) VALUES
  ('speak', 'seconds', 'month', 'account', 'Microphone seconds (plans are sold in minutes: 60 s each).');
INSERT INTO platform.plan_limits (product, plan, metric, "limit")
  SELECT product, plan, 'seconds', "limit" * 60 FROM platform.plan_limits
  WHERE product = 'speak' AND metric = 'minutes';
UPDATE platform.quota_counters SET metric = 'seconds', used = used * 60
  WHERE product = 'speak' AND metric = 'minutes';
UPDATE platform.usage_ledger SET metric = 'seconds', amount = amount * 60
  WHERE product = 'speak' AND metric = 'minutes';
DELETE FROM platform.plan_limits WHERE product = 'speak' AND metric = 'minutes';
DELETE FROM platform.metrics WHERE product = 'speak' AND metric = 'minutes';

-- Seed: profiles. email/full_name/avatar are the kernel account's and public profile's.
CREATE TABLE speak.profiles (
  account_id uuid PRIMARY KEY REFERENCES platform.accounts (id) ON DELETE CASCADE,
  native_language text NOT NULL,
  target_languages text[] NOT NULL DEFAULT '{}',
  current_native_language text,
  current_target_language text,
  proficiency_levels jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(proficiency_levels) = 'object'),
  timezone text NOT NULL DEFAULT 'UTC',
  preferred_learning_time jsonb,
  learning_style text CHECK (learning_style IN ('visual', 'auditory', 'kinesthetic')),
  preferences jsonb NOT NULL DEFAULT
    '{"notifications": true, "emailUpdates": true, "showPronunciationGuide": true, "autoPlayResponses": true}',
  last_active_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((current_native_language IS NULL) = (current_target_language IS NULL))
);

-- Seed: language_settings, one per (account, language).
CREATE TABLE speak.language_settings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  language_code text NOT NULL,
  proficiency_level text NOT NULL
    CHECK (proficiency_level IN ('beginner', 'elementary', 'intermediate', 'advanced', 'native')),
  learning_goals text[] NOT NULL DEFAULT '{}',
  daily_target_minutes integer NOT NULL DEFAULT 30 CHECK (daily_target_minutes BETWEEN 1 AND 1440),
  preferred_voice text,
  speech_rate numeric(2, 1) NOT NULL DEFAULT 1.0 CHECK (speech_rate BETWEEN 0.5 AND 2.0),
  total_learning_seconds integer NOT NULL DEFAULT 0 CHECK (total_learning_seconds >= 0),
  total_conversations integer NOT NULL DEFAULT 0 CHECK (total_conversations >= 0),
  vocabulary_mastered integer NOT NULL DEFAULT 0 CHECK (vocabulary_mastered >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, language_code)
);

-- Seed: conversation_scripts. language_pair jsonb → two columns, so the pair filter is a btree
-- equality; catalogue rows have no owner (account_id NULL) and are public; a learner's own
-- scripts are private. The usage statistics are counters written only by speak.count_script_use.
CREATE TABLE speak.scripts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid REFERENCES platform.accounts (id) ON DELETE CASCADE,
  visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description text,
  native_language text NOT NULL,
  target_language text NOT NULL,
  scenario text NOT NULL,
  difficulty_level integer NOT NULL CHECK (difficulty_level BETWEEN 1 AND 10),
  estimated_duration_minutes integer CHECK (estimated_duration_minutes BETWEEN 1 AND 240),
  segments jsonb NOT NULL CHECK (jsonb_typeof(segments) = 'array' AND jsonb_array_length(segments) > 0),
  cultural_notes jsonb NOT NULL DEFAULT '[]',
  vocabulary_focus jsonb NOT NULL DEFAULT '[]',
  category text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  specialization text,
  is_premium boolean NOT NULL DEFAULT false,
  usage_count integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
  completion_count integer NOT NULL DEFAULT 0 CHECK (completion_count >= 0),
  rating_count integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  rating_sum integer NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (account_id IS NOT NULL OR visibility = 'public')
);
CREATE INDEX scripts_catalogue_idx
  ON speak.scripts (native_language, target_language, created_at DESC, id DESC);
CREATE INDEX scripts_scenario_idx ON speak.scripts (scenario, created_at DESC, id DESC);
CREATE INDEX scripts_category_idx ON speak.scripts (category, created_at DESC, id DESC);
CREATE INDEX scripts_tags_idx ON speak.scripts USING gin (tags);
CREATE INDEX scripts_owner_idx ON speak.scripts (account_id, created_at DESC, id DESC) WHERE account_id IS NOT NULL;

-- Seed: conversations. language_pair jsonb → two columns; scores are 0–100 (heuristics,
-- docs/products/speak.md), adherence 0–1 as in the seed.
CREATE TABLE speak.conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  title text,
  native_language text NOT NULL,
  target_language text NOT NULL,
  scenario text NOT NULL,
  specialization text,
  difficulty_level integer NOT NULL CHECK (difficulty_level BETWEEN 1 AND 10),
  script_id uuid REFERENCES speak.scripts (id) ON DELETE SET NULL,
  seed integer NOT NULL,
  -- The last script segment the learner's turns reached: the next learner line is after it.
  script_position integer NOT NULL DEFAULT 0,
  script_adherence_score numeric(3, 2) CHECK (script_adherence_score BETWEEN 0 AND 1),
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  ended_at timestamptz,
  duration_seconds integer CHECK (duration_seconds >= 0),
  speaking_seconds integer NOT NULL DEFAULT 0 CHECK (speaking_seconds >= 0),
  message_count integer NOT NULL DEFAULT 0,
  user_message_count integer NOT NULL DEFAULT 0,
  ai_message_count integer NOT NULL DEFAULT 0,
  words_spoken integer NOT NULL DEFAULT 0,
  unique_words_used integer NOT NULL DEFAULT 0,
  fluency_score numeric(5, 2) CHECK (fluency_score BETWEEN 0 AND 100),
  accuracy_score numeric(5, 2) CHECK (accuracy_score BETWEEN 0 AND 100),
  pronunciation_score numeric(5, 2) CHECK (pronunciation_score BETWEEN 0 AND 100),
  overall_score numeric(5, 2) CHECK (overall_score BETWEEN 0 AND 100),
  rating integer CHECK (rating BETWEEN 1 AND 5),
  -- The last event's number (speak.conversation_events), taken under the row's lock.
  event_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (account_id, id)
);
CREATE INDEX conversations_account_page_idx ON speak.conversations (account_id, created_at DESC, id DESC);
CREATE INDEX conversations_account_language_idx
  ON speak.conversations (account_id, target_language, created_at DESC, id DESC);
CREATE INDEX conversations_account_ended_idx ON speak.conversations (account_id, ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX conversations_script_idx ON speak.conversations (script_id) WHERE script_id IS NOT NULL;

-- Seed: messages. Not partitioned yet (docs/products/speak.md, Messages: the numbers). audio_url
-- → audio_file_id, a private kernel file; reply_to makes a retried reply job find its reply.
CREATE TABLE speak.messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  content text NOT NULL,
  language text NOT NULL,
  translated_content jsonb,
  is_ai boolean NOT NULL DEFAULT false,
  message_type text NOT NULL CHECK (message_type IN ('user_speech', 'ai_response', 'script_suggestion', 'system')),
  audio_file_id uuid REFERENCES platform.files (id),
  audio_duration_ms integer CHECK (audio_duration_ms >= 0),
  script_segment integer,
  pronunciation_analysis jsonb,
  grammar_corrections jsonb,
  vocabulary_highlights jsonb,
  reply_to uuid,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (account_id, conversation_id) REFERENCES speak.conversations (account_id, id) ON DELETE CASCADE,
  UNIQUE (reply_to, message_type)
);
CREATE INDEX messages_conversation_page_idx ON speak.messages (account_id, conversation_id, created_at, id);
CREATE INDEX messages_audio_file_idx ON speak.messages (audio_file_id) WHERE audio_file_id IS NOT NULL;

-- What a conversation's event stream replays (GET /v1/speak/conversations/{id}/events): reply
-- deltas, whole messages and the end, numbered per conversation.
CREATE TABLE speak.conversation_events (
  account_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  seq bigint NOT NULL,
  event text NOT NULL CHECK (event IN ('delta', 'message', 'ended')),
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (conversation_id, seq),
  FOREIGN KEY (account_id, conversation_id) REFERENCES speak.conversations (account_id, id) ON DELETE CASCADE
);
-- The kernel's listener (one LISTEN connection per process) wakes followers by id: a
-- conversation id shares the jobs' channel as job ids do (both are UUIDs, never equal).
CREATE FUNCTION speak.notify_conversation_event() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM pg_notify('platform_job_events', NEW.conversation_id::text);
    RETURN NULL;
  END
  $$;
CREATE TRIGGER conversation_events_notify AFTER INSERT ON speak.conversation_events
  FOR EACH ROW EXECUTE FUNCTION speak.notify_conversation_event();

-- Seed: usage_tracking, one row per account and UTC hour, written in the transaction of the
-- microphone spend it counts.
CREATE TABLE speak.usage_hours (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  hour timestamptz NOT NULL CHECK (date_trunc('hour', hour AT TIME ZONE 'UTC') = hour AT TIME ZONE 'UTC'),
  microphone_seconds integer NOT NULL DEFAULT 0 CHECK (microphone_seconds >= 0),
  conversation_count integer NOT NULL DEFAULT 0,
  message_count integer NOT NULL DEFAULT 0,
  language_breakdown jsonb NOT NULL DEFAULT '{}',
  feature_usage jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (account_id, hour)
);

-- Sums two objects of counts key by key ({"en": 30} + {"en": 5, "ja": 2} = {"en": 35, "ja": 2}): the
-- hourly rows' per-language and per-feature counts, and their sum per day (speak.sum_counts).
CREATE FUNCTION speak.add_counts(a jsonb, b jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT COALESCE(jsonb_object_agg(key, total), '{}')
    FROM (SELECT key, sum(value::bigint) AS total
          FROM (SELECT * FROM jsonb_each_text(COALESCE(a, '{}')) UNION ALL SELECT * FROM jsonb_each_text(COALESCE(b, '{}'))) AS t
          GROUP BY key) AS s
  $$;
CREATE AGGREGATE speak.sum_counts(jsonb) (SFUNC = speak.add_counts, STYPE = jsonb, INITCOND = '{}');

-- Seed: learning_progress, per (account, language).
CREATE TABLE speak.progress (
  -- The list's keyset is (created_at, id), as everywhere.
  id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  language_code text NOT NULL,
  speaking_level numeric(5, 2) NOT NULL DEFAULT 0,
  listening_level numeric(5, 2) NOT NULL DEFAULT 0,
  vocabulary_size integer NOT NULL DEFAULT 0,
  grammar_accuracy numeric(5, 2) NOT NULL DEFAULT 0,
  pronunciation_accuracy numeric(5, 2) NOT NULL DEFAULT 0,
  fluency_score numeric(5, 2) NOT NULL DEFAULT 0,
  total_study_seconds integer NOT NULL DEFAULT 0,
  consecutive_days integer NOT NULL DEFAULT 0,
  last_study_date date,
  weekly_goal_minutes integer NOT NULL DEFAULT 210 CHECK (weekly_goal_minutes > 0),
  week_start date,
  weekly_achieved_seconds integer NOT NULL DEFAULT 0,
  topic_mastery jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, language_code)
);

-- Every word a learner has used, per language: the vocabulary size and the 100-words achievement.
CREATE TABLE speak.vocabulary (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  language_code text NOT NULL,
  word text NOT NULL,
  first_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, language_code, word)
);

-- Seed: achievements, split: the definitions are catalogue data, the rows per account hold
-- progress and when it was earned.
CREATE TABLE speak.achievement_definitions (
  code text PRIMARY KEY,
  achievement_type text NOT NULL,
  name jsonb NOT NULL,
  description jsonb NOT NULL,
  criteria jsonb NOT NULL,
  category text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('bronze', 'silver', 'gold', 'platinum')),
  display_order integer NOT NULL
);
CREATE TABLE speak.achievements (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  code text NOT NULL REFERENCES speak.achievement_definitions (code),
  progress numeric(5, 2) NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  earned_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, code)
);

INSERT INTO speak.achievement_definitions
  (code, achievement_type, name, description, criteria, category, tier, display_order) VALUES
  ('FIRST_CONV', 'first_conversation', '{"en": "First Conversation", "ja": "初めての会話"}',
   '{"en": "Complete your first conversation.", "ja": "初めての会話を完了する。"}',
   '{"conversations": 1}', 'milestone', 'bronze', 1),
  ('FIRST_SCRIPT', 'first_script', '{"en": "By the Book", "ja": "台本デビュー"}',
   '{"en": "Complete a conversation that follows a script.", "ja": "台本に沿った会話を完了する。"}',
   '{"scriptedConversations": 1}', 'milestone', 'bronze', 2),
  ('STREAK_3', 'streak', '{"en": "Three-Day Streak", "ja": "3日連続"}',
   '{"en": "Practise three days in a row.", "ja": "3日連続で練習する。"}',
   '{"streakDays": 3}', 'streak', 'bronze', 3),
  ('STREAK_7', 'streak', '{"en": "One-Week Streak", "ja": "7日連続"}',
   '{"en": "Practise seven days in a row.", "ja": "7日連続で練習する。"}',
   '{"streakDays": 7}', 'streak', 'silver', 4),
  ('STREAK_30', 'streak', '{"en": "Thirty-Day Streak", "ja": "30日連続"}',
   '{"en": "Practise thirty days in a row.", "ja": "30日連続で練習する。"}',
   '{"streakDays": 30}', 'streak', 'gold', 5),
  ('MINUTES_60', 'speaking_time', '{"en": "First Hour", "ja": "最初の1時間"}',
   '{"en": "Speak for 60 minutes in total.", "ja": "合計60分話す。"}',
   '{"speakingMinutes": 60}', 'time', 'silver', 6),
  ('MINUTES_600', 'speaking_time', '{"en": "Ten Hours Spoken", "ja": "10時間の会話"}',
   '{"en": "Speak for 600 minutes in total.", "ja": "合計600分話す。"}',
   '{"speakingMinutes": 600}', 'time', 'platinum', 7),
  ('WORDS_100', 'vocabulary', '{"en": "Hundred Words", "ja": "100語達成"}',
   '{"en": "Use 100 different words in one language.", "ja": "1つの言語で100種類の単語を使う。"}',
   '{"uniqueWords": 100}', 'vocabulary', 'silver', 8);

-- Row-level security: tenant rows are the owner's; scripts are also readable when public;
-- achievement definitions are catalogue data anyone reads.
ALTER TABLE speak.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.language_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.scripts ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.conversation_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.usage_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.vocabulary ENABLE ROW LEVEL SECURITY;
ALTER TABLE speak.achievements ENABLE ROW LEVEL SECURITY;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['profiles', 'language_settings', 'conversations', 'messages', 'conversation_events',
                           'usage_hours', 'progress', 'vocabulary', 'achievements'] LOOP
    EXECUTE format('CREATE POLICY %I ON speak.%I FOR SELECT TO yorozu_app USING (account_id = platform.current_account_id())', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON speak.%I FOR INSERT TO yorozu_app WITH CHECK (account_id = platform.current_account_id())', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON speak.%I FOR UPDATE TO yorozu_app USING (account_id = platform.current_account_id()) WITH CHECK (account_id = platform.current_account_id())', t || '_update', t);
    EXECUTE format('CREATE POLICY %I ON speak.%I FOR DELETE TO yorozu_app USING (account_id = platform.current_account_id())', t || '_delete', t);
  END LOOP;
END $$;

CREATE POLICY scripts_read ON speak.scripts FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR visibility = 'public');
CREATE POLICY scripts_insert ON speak.scripts FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY scripts_update ON speak.scripts FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id()) WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY scripts_delete ON speak.scripts FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON speak.profiles, speak.language_settings, speak.conversations
  TO yorozu_app;
GRANT SELECT, INSERT, UPDATE ON speak.usage_hours, speak.progress, speak.achievements TO yorozu_app;
GRANT SELECT, INSERT ON speak.messages, speak.conversation_events, speak.vocabulary TO yorozu_app;
GRANT SELECT ON speak.achievement_definitions TO yorozu_app;
-- Owners edit a script's content, never its statistics.
GRANT SELECT, DELETE ON speak.scripts TO yorozu_app;
GRANT INSERT (account_id, visibility, title, description, native_language, target_language, scenario,
              difficulty_level, estimated_duration_minutes, segments, cultural_notes, vocabulary_focus,
              category, tags, specialization)
  ON speak.scripts TO yorozu_app;
GRANT UPDATE (title, description, scenario, difficulty_level, estimated_duration_minutes, segments,
              cultural_notes, vocabulary_focus, category, tags, specialization, updated_at)
  ON speak.scripts TO yorozu_app;

-- Script statistics move with the conversations that use them, whoever owns the script (the
-- catalogue's have no owner): a trigger owned by yorozu_counters, the role that may change only
-- counter columns (docs/architecture.md, Visibility and shared data). A conversation counts as a
-- use when it starts, as a completion when it ends, and its rating when it ends with one.
GRANT SELECT (id, usage_count, completion_count, rating_count, rating_sum),
      UPDATE (usage_count, completion_count, rating_count, rating_sum)
  ON speak.scripts TO yorozu_counters;
GRANT USAGE ON SCHEMA speak TO yorozu_counters;
CREATE POLICY scripts_counters_read ON speak.scripts FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY scripts_counters_update ON speak.scripts FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);

CREATE FUNCTION speak.count_script_use() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF NEW.script_id IS NULL THEN RETURN NULL; END IF;
      IF TG_OP = 'INSERT' THEN
        UPDATE speak.scripts SET usage_count = usage_count + 1 WHERE id = NEW.script_id;
      ELSIF OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL THEN
        UPDATE speak.scripts
        SET completion_count = completion_count + 1,
            rating_count = rating_count + (NEW.rating IS NOT NULL)::int,
            rating_sum = rating_sum + COALESCE(NEW.rating, 0)
        WHERE id = NEW.script_id;
      END IF;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION speak.count_script_use() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION speak.count_script_use() FROM PUBLIC;
CREATE TRIGGER conversations_count_script_use AFTER INSERT OR UPDATE OF ended_at ON speak.conversations
  FOR EACH ROW EXECUTE FUNCTION speak.count_script_use();

-- Down Migration
DROP SCHEMA speak CASCADE;
INSERT INTO platform.metrics (product, metric, period, per, description) VALUES
  ('speak', 'minutes', 'month', 'account', 'Microphone minutes.');
INSERT INTO platform.plan_limits (product, plan, metric, "limit")
  SELECT product, plan, 'minutes', "limit" / 60 FROM platform.plan_limits WHERE product = 'speak' AND metric = 'seconds';
UPDATE platform.quota_counters SET metric = 'minutes', used = ceil(used / 60.0) WHERE product = 'speak' AND metric = 'seconds';
UPDATE platform.usage_ledger SET metric = 'minutes', amount = ceil(amount / 60.0) WHERE product = 'speak' AND metric = 'seconds';
DELETE FROM platform.plan_limits WHERE product = 'speak' AND metric = 'seconds';
DELETE FROM platform.metrics WHERE product = 'speak' AND metric = 'seconds';
