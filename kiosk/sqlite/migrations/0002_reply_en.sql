-- The station's reply in English, when it wrote one.
ALTER TABLE tickets ADD COLUMN reply_en TEXT NOT NULL DEFAULT '';
