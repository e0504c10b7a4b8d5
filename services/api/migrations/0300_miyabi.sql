-- Up Migration
-- Miyabi, the plugin marketplace and agent platform (docs/products/miyabi.md): the schema its
-- tables live in. Each part of the product (the marketplace and licences, agents and workflows,
-- LINE and the event store) adds its tables in migrations of its own.

CREATE SCHEMA miyabi;
GRANT USAGE ON SCHEMA miyabi TO yorozu_app;
GRANT USAGE ON SCHEMA miyabi TO yorozu_counters;
