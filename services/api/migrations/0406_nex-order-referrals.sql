-- Up Migration
-- A shop order may come through a referral code (docs/products/nex.md, Referrals): the code is
-- kept on the order, and the conversion and its commission are recorded when the payment is
-- confirmed. The buyer's transaction writes it (an INSERT grant on the column).
ALTER TABLE nex.orders ADD COLUMN referral_code_id uuid REFERENCES nex.referral_codes (id) ON DELETE SET NULL;
GRANT INSERT (referral_code_id) ON nex.orders TO yorozu_app;

-- Down Migration
ALTER TABLE nex.orders DROP COLUMN referral_code_id;
