-- Up Migration
-- Where a message's translation comes from (docs/products/speak.md, Translations): `script`, the
-- catalogue line's stored translation, or `model:<model>`; null when there is none.
ALTER TABLE speak.messages
  ADD COLUMN translation_source text CHECK (char_length(translation_source) BETWEEN 1 AND 220);

-- Down Migration
ALTER TABLE speak.messages DROP COLUMN translation_source;
