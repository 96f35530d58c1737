-- Q3: freshness probe; times as epoch milliseconds.
SELECT max(event_time_ms) AS max_event_time,
       max(ingest_time_ms) AS max_ingest_time,
       {{clock_ms_sql}} AS engine_now,
       count() AS total_rows
FROM {{database}}.transactions;
