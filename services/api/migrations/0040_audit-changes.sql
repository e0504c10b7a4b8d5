-- Up Migration
-- Audit entries with what changed and who asked (docs/architecture.md, Audit log): the fields a
-- mutating request wrote, before and after, secrets left out, and the client's User-Agent. The
-- IP was already recorded. Still append-only for the service (no UPDATE or DELETE grant).
ALTER TABLE platform.audit_log
  -- { "<field>": { "before": <json>, "after": <json> } }; NULL when the operation records none.
  ADD COLUMN changes jsonb CHECK (changes IS NULL OR jsonb_typeof(changes) = 'object'),
  -- Cut to 512 characters by the service: a header the client chooses, stored on every write.
  ADD COLUMN user_agent text CHECK (length(user_agent) <= 512);

-- Down Migration
ALTER TABLE platform.audit_log DROP COLUMN changes, DROP COLUMN user_agent;
