-- Up Migration
-- A conversation's stream says when the reply to a learner turn is complete (`replied`, with
-- the reply's and suggestion's ids) or has failed for good (`failed`), so a client following one
-- turn knows when to stop reading without asking the job as well (docs/products/speak.md,
-- Reply events and retries).
ALTER TABLE speak.conversation_events DROP CONSTRAINT conversation_events_event_check;
ALTER TABLE speak.conversation_events
  ADD CONSTRAINT conversation_events_event_check CHECK (event IN ('delta', 'message', 'replied', 'failed', 'ended'));

-- Down Migration
DELETE FROM speak.conversation_events WHERE event IN ('replied', 'failed');
ALTER TABLE speak.conversation_events DROP CONSTRAINT conversation_events_event_check;
ALTER TABLE speak.conversation_events
  ADD CONSTRAINT conversation_events_event_check CHECK (event IN ('delta', 'message', 'ended'));
