-- Up Migration
-- A creator may rename (docs/products/nex.md, Creators): the username stays unique ignoring case
-- by the index on lower(username), so a taken name fails the UPDATE (409). The old name is
-- released at once.
GRANT UPDATE (username) ON nex.creators TO yorozu_app;

-- Down Migration
REVOKE UPDATE (username) ON nex.creators FROM yorozu_app;
