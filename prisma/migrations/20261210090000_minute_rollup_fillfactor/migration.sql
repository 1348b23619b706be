-- Telemetry adds to the current minute's row of each flow again and again (every batch that reports it). With
-- full pages each such update moved the row to another page and added an entry to both indexes; with room left in
-- each page the new version stays on its page and the indexes are not touched (a HOT update). Applies to pages
-- written from now on; minute rows older than the retention are deleted, so the table turns over by itself.
ALTER TABLE "flow_metric_minute" SET (fillfactor = 60);
