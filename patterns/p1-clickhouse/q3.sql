-- Q3: freshness probe. freshbench does the arithmetic (docs/patterns.md).
SELECT max(event_time) AS max_event_time,
       max(ingest_time) AS max_ingest_time,
       now64(3) AS engine_now,
       count() AS total_rows
FROM {{database}}.transactions;
