-- Up Migration
-- A script's opening partner lines are stored as text when the conversation starts and voiced
-- afterwards by a job (docs/products/speak.md, The partner, the voice and recognition): the
-- service may set a message's audio once, and nothing else of it (messages stay append-only).
GRANT UPDATE (audio_file_id, audio_duration_ms) ON speak.messages TO yorozu_app;

-- Down Migration
REVOKE UPDATE (audio_file_id, audio_duration_ms) ON speak.messages FROM yorozu_app;
