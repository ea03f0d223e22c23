-- The last-modified time (epoch milliseconds) of an import-directory file when its scan was submitted, so that
-- listing the scan's values later can tell the file was changed even where its size was kept. Null for uploads.
ALTER TABLE leak_scan_jobs ADD COLUMN source_modified_ms BIGINT;
