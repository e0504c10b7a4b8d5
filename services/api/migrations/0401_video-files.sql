-- Up Migration
-- Video files (docs/architecture.md, Files and generated images): MP4 and WebM whose first bytes
-- list a video track. They use the columns images and audio already have: the first video track's
-- width and height, the duration and the video codec, which a video always has.
ALTER TABLE platform.files DROP CONSTRAINT files_content_type_check;
ALTER TABLE platform.files ADD CONSTRAINT files_content_type_check CHECK (content_type IN (
  'image/png', 'image/jpeg', 'image/webp', 'image/svg+xml',
  'audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/webm', 'audio/mp4',
  'video/mp4', 'video/webm',
  'application/pdf', 'application/zip'
));
ALTER TABLE platform.files ADD CONSTRAINT files_video_metadata CHECK (
  content_type NOT LIKE 'video/%'
  OR (duration_ms IS NOT NULL AND width IS NOT NULL AND codec IS NOT NULL AND sample_rate IS NULL)
);

-- Down Migration
ALTER TABLE platform.files DROP CONSTRAINT files_video_metadata;
DELETE FROM platform.files WHERE content_type LIKE 'video/%';
ALTER TABLE platform.files DROP CONSTRAINT files_content_type_check;
ALTER TABLE platform.files ADD CONSTRAINT files_content_type_check CHECK (content_type IN (
  'image/png', 'image/jpeg', 'image/webp', 'image/svg+xml',
  'audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/webm', 'audio/mp4',
  'application/pdf', 'application/zip'
));
