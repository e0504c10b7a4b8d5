-- Up Migration
-- Files beyond images (docs/architecture.md, Files and generated images): audio, PDF and ZIP, the name a
-- file is downloaded under, and what was read from its bytes at upload. Every column describes
-- the bytes, which never change under an id, so the row stays immutable (no UPDATE grant).

ALTER TABLE platform.files DROP CONSTRAINT files_content_type_check;
ALTER TABLE platform.files ADD CONSTRAINT files_content_type_check CHECK (content_type IN (
  'image/png', 'image/jpeg', 'image/webp', 'image/svg+xml',
  'audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/webm', 'audio/mp4',
  'application/pdf', 'application/zip'
));

ALTER TABLE platform.files
  -- Checked by the contract too; here so no other writer can put a header-breaking name in a row.
  ADD COLUMN filename text CHECK (char_length(filename) BETWEEN 1 AND 255 AND filename !~ '[\x01-\x1f\x7f/\\"]'),
  ADD COLUMN width integer CHECK (width > 0),
  ADD COLUMN height integer CHECK (height > 0),
  ADD COLUMN duration_ms bigint CHECK (duration_ms >= 0),
  ADD COLUMN sample_rate integer CHECK (sample_rate > 0),
  ADD COLUMN channels smallint CHECK (channels > 0),
  ADD COLUMN codec text CHECK (char_length(codec) BETWEEN 1 AND 100),
  -- Audio always has its format; images have both sides or neither (rows stored before this).
  ADD CONSTRAINT files_audio_metadata CHECK (
    (content_type LIKE 'audio/%') = (duration_ms IS NOT NULL AND sample_rate IS NOT NULL AND channels IS NOT NULL)
  ),
  ADD CONSTRAINT files_dimensions CHECK ((width IS NULL) = (height IS NULL));

-- Down Migration
ALTER TABLE platform.files
  DROP CONSTRAINT files_dimensions,
  DROP CONSTRAINT files_audio_metadata,
  DROP COLUMN codec,
  DROP COLUMN channels,
  DROP COLUMN sample_rate,
  DROP COLUMN duration_ms,
  DROP COLUMN height,
  DROP COLUMN width,
  DROP COLUMN filename;
DELETE FROM platform.files WHERE content_type NOT LIKE 'image/%';
ALTER TABLE platform.files DROP CONSTRAINT files_content_type_check;
ALTER TABLE platform.files ADD CONSTRAINT files_content_type_check CHECK (
  content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')
);
