-- Up Migration
-- Eldonia-Nex, the creator community (docs/products/nex.md): creators, the category tree, tags
-- and artworks. Tables follow the seed's design with the differences that page lists:
-- * BIGSERIAL ids → uuid; users → platform.accounts, with nex's fields in nex.creators keyed by
--   account_id (the shard key, on every row);
-- * DECIMAL prices → integer minor units with an ISO 4217 currency, free ⇔ 0 by a CHECK;
-- * the age rule (13 or older) is checked when a creator joins, not by a CHECK on CURRENT_DATE
--   (a CHECK is evaluated once, at write time, and cannot follow the calendar);
-- * MySQL's FULLTEXT index → a normalised search column (NFKC, lower case, katakana folded to
--   hiragana; written by the service) under a pg_trgm GIN index, which indexes CJK text as
--   well as Latin under a UTF-8 ctype.
-- Visibility follows docs/architecture.md (Visibility and shared data): creators are public rows,
-- artworks are public once published, and every write policy is the owner's alone.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE SCHEMA nex;
GRANT USAGE ON SCHEMA nex TO yorozu_app;
GRANT USAGE ON SCHEMA nex TO yorozu_counters;

CREATE TABLE nex.creators (
  account_id uuid PRIMARY KEY REFERENCES platform.accounts (id) ON DELETE CASCADE,
  username text NOT NULL CHECK (username ~ '^[A-Za-z0-9_]{3,30}$'),
  birth_date date NOT NULL,
  user_type text NOT NULL DEFAULT 'both' CHECK (user_type IN ('creator', 'fan', 'both')),
  -- Set by staff tooling, never by the service role (no column grant).
  is_verified boolean NOT NULL DEFAULT false,
  skills jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(skills) = 'array'),
  social_links jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(social_links) = 'array'),
  total_exp bigint NOT NULL DEFAULT 0 CHECK (total_exp >= 0),
  level integer NOT NULL DEFAULT 1 CHECK (level >= 1),
  fan_count bigint NOT NULL DEFAULT 0 CHECK (fan_count >= 0),
  following_count bigint NOT NULL DEFAULT 0 CHECK (following_count >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX creators_username_key ON nex.creators (lower(username));

-- Reference data: the same tree for everyone, changed by migration only.
CREATE TABLE nex.categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{1,50}$'),
  name text NOT NULL,
  parent_id uuid REFERENCES nex.categories (id),
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX categories_parent_idx ON nex.categories (parent_id);

WITH roots (slug, name, sort_order) AS (
  VALUES ('illustration', 'イラスト', 1), ('music', '音楽', 2), ('video', '動画', 3),
         ('writing', '文章', 4), ('3d', '3D', 5)
)
INSERT INTO nex.categories (slug, name, sort_order) SELECT slug, name, sort_order FROM roots;
WITH children (parent, slug, name, sort_order) AS (
  VALUES ('illustration', 'anime-illustration', 'アニメ調イラスト', 1),
         ('illustration', 'landscape', '風景画', 2),
         ('illustration', 'pixel-art', 'ドット絵', 3),
         ('music', 'vocaloid', 'ボカロ曲', 1),
         ('music', 'bgm', 'BGM', 2),
         ('writing', 'novel', '小説', 1),
         ('writing', 'manga', '漫画', 2)
)
INSERT INTO nex.categories (slug, name, parent_id, sort_order)
SELECT c.slug, c.name, p.id, c.sort_order FROM children c JOIN nex.categories p ON p.slug = c.parent;

-- Tags are shared by every artwork: a normalised name (NFKC, case-folded; the service folds it).
CREATE TABLE nex.tags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 30),
  usage_count bigint NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE nex.artworks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES nex.creators (account_id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 255),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  category_id uuid NOT NULL REFERENCES nex.categories (id),
  -- The media (kernel files). Deleting the file leaves the artwork without media rather than failing.
  file_id uuid REFERENCES platform.files (id) ON DELETE SET NULL,
  price_amount integer NOT NULL DEFAULT 0 CHECK (price_amount BETWEEN 0 AND 100000000),
  currency text NOT NULL DEFAULT 'JPY' CHECK (currency ~ '^[A-Z]{3}$'),
  is_free boolean NOT NULL DEFAULT true,
  license_type text CHECK (char_length(license_type) <= 50),
  is_adult_content boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  published_at timestamptz,
  view_count bigint NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  like_count bigint NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  comment_count bigint NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
  -- Normalised by the service (docs/products/nex.md, Search): the title alone, and title,
  -- description and tag names together.
  search_title text NOT NULL DEFAULT '',
  search_text text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, account_id),
  CHECK (is_free = (price_amount = 0)),
  CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX artworks_account_page_idx ON nex.artworks (account_id, created_at DESC, id DESC);
CREATE INDEX artworks_category_idx ON nex.artworks (category_id);
CREATE INDEX artworks_published_idx ON nex.artworks (published_at DESC, created_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX artworks_liked_idx ON nex.artworks (like_count DESC, created_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX artworks_viewed_idx ON nex.artworks (view_count DESC, created_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX artworks_search_idx ON nex.artworks USING gin (search_text public.gin_trgm_ops)
  WHERE status = 'published';

CREATE TABLE nex.artwork_tags (
  artwork_id uuid NOT NULL,
  account_id uuid NOT NULL,
  tag_id uuid NOT NULL REFERENCES nex.tags (id),
  PRIMARY KEY (artwork_id, tag_id),
  FOREIGN KEY (artwork_id, account_id) REFERENCES nex.artworks (id, account_id) ON DELETE CASCADE
);
CREATE INDEX artwork_tags_tag_idx ON nex.artwork_tags (tag_id, artwork_id);

ALTER TABLE nex.creators ENABLE ROW LEVEL SECURITY;
-- A nex creator profile is public by nature: joining nex publishes it.
CREATE POLICY creators_read ON nex.creators FOR SELECT TO yorozu_app USING (true);
CREATE POLICY creators_insert ON nex.creators FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY creators_update ON nex.creators FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());

ALTER TABLE nex.categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY categories_read ON nex.categories FOR SELECT TO yorozu_app USING (true);

ALTER TABLE nex.tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY tags_read ON nex.tags FOR SELECT TO yorozu_app USING (true);
-- Any signed-in caller may name a new tag; nobody but the counter trigger changes one.
CREATE POLICY tags_insert ON nex.tags FOR INSERT TO yorozu_app
  WITH CHECK (platform.current_account_id() IS NOT NULL);

ALTER TABLE nex.artworks ENABLE ROW LEVEL SECURITY;
CREATE POLICY artworks_read ON nex.artworks FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR status = 'published');
CREATE POLICY artworks_insert ON nex.artworks FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY artworks_update ON nex.artworks FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY artworks_delete ON nex.artworks FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());

ALTER TABLE nex.artwork_tags ENABLE ROW LEVEL SECURITY;
-- Readable wherever the artwork is (the sub-select runs under artworks_read).
CREATE POLICY artwork_tags_read ON nex.artwork_tags FOR SELECT TO yorozu_app
  USING (EXISTS (SELECT 1 FROM nex.artworks a WHERE a.id = artwork_id));
CREATE POLICY artwork_tags_insert ON nex.artwork_tags FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY artwork_tags_delete ON nex.artwork_tags FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());

-- Column grants: owners write their fields; counters, levels, EXP and verification are not theirs.
GRANT SELECT ON nex.creators, nex.categories, nex.tags, nex.artworks, nex.artwork_tags TO yorozu_app;
GRANT INSERT (account_id, username, birth_date, user_type, skills, social_links) ON nex.creators TO yorozu_app;
GRANT UPDATE (user_type, skills, social_links, updated_at) ON nex.creators TO yorozu_app;
GRANT INSERT (name) ON nex.tags TO yorozu_app;
GRANT INSERT (account_id, title, description, category_id, file_id, price_amount, currency, is_free,
              license_type, is_adult_content, status, published_at, search_title, search_text)
  ON nex.artworks TO yorozu_app;
GRANT UPDATE (title, description, category_id, file_id, price_amount, currency, is_free, license_type,
              is_adult_content, status, published_at, search_title, search_text, updated_at)
  ON nex.artworks TO yorozu_app;
GRANT DELETE ON nex.artworks TO yorozu_app;
GRANT INSERT, DELETE ON nex.artwork_tags TO yorozu_app;

-- The counters' role moves the usage count of a tag by one per artwork_tags row.
GRANT SELECT (id, usage_count), UPDATE (usage_count) ON nex.tags TO yorozu_counters;
CREATE POLICY tags_counters_read ON nex.tags FOR SELECT TO yorozu_counters USING (true);
CREATE POLICY tags_counters_update ON nex.tags FOR UPDATE TO yorozu_counters USING (true) WITH CHECK (true);

CREATE FUNCTION nex.count_tag_use() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE nex.tags SET usage_count = usage_count + 1 WHERE id = NEW.tag_id;
      ELSE
        UPDATE nex.tags SET usage_count = usage_count - 1 WHERE id = OLD.tag_id;
      END IF;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.count_tag_use() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.count_tag_use() FROM PUBLIC;
CREATE TRIGGER artwork_tags_count AFTER INSERT OR DELETE ON nex.artwork_tags
  FOR EACH ROW EXECUTE FUNCTION nex.count_tag_use();

-- Down Migration
DROP SCHEMA nex CASCADE;
