-- replace_source used to mark its rows with a unique suffix on updated_at; the batch now has its
-- own column, so created_at/updated_at are plain ISO-8601 UTC timestamps that queries can show.
ALTER TABLE nodes ADD COLUMN batch TEXT;
ALTER TABLE edges ADD COLUMN batch TEXT;
UPDATE nodes SET created_at = substr(created_at, 1, 27), updated_at = substr(updated_at, 1, 27);
UPDATE edges SET created_at = substr(created_at, 1, 27), updated_at = substr(updated_at, 1, 27);
