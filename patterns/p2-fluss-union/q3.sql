-- Q3: freshness inputs; freshbench does the arithmetic (docs/patterns.md).
-- engine_now is CURRENT_TIMESTAMP, which Flink fixes when the query starts.
SELECT MAX(event_time) AS max_event_time,
       MAX(ingest_time) AS max_ingest_time,
       CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3)) AS engine_now,
       COUNT(*) AS total_rows
FROM fluss_catalog.{{database}}.{{table}};
