-- Up Migration
-- A stream's thumbnail, its archive and its donation settings (docs/products/nex.md, Live streams
-- and donations). Both files are kernel files of the streamer, shared with anyone as the stream
-- is public; the archive exists only once the stream has ended.

ALTER TABLE nex.streams
  ADD COLUMN thumbnail_file_id uuid REFERENCES platform.files (id) ON DELETE SET NULL,
  ADD COLUMN archive_file_id uuid REFERENCES platform.files (id) ON DELETE SET NULL,
  ADD COLUMN donations_enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN min_donation_amount integer NOT NULL DEFAULT 100
    CHECK (min_donation_amount BETWEEN 100 AND 10000000),
  ADD CONSTRAINT streams_archive_when_ended CHECK (archive_file_id IS NULL OR status = 'ended');
GRANT UPDATE (thumbnail_file_id, archive_file_id, donations_enabled, min_donation_amount)
  ON nex.streams TO yorozu_app;

-- Down Migration
ALTER TABLE nex.streams
  DROP CONSTRAINT streams_archive_when_ended,
  DROP COLUMN min_donation_amount,
  DROP COLUMN donations_enabled,
  DROP COLUMN archive_file_id,
  DROP COLUMN thumbnail_file_id;
