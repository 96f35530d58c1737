-- Raw values only: freshbench does the millisecond arithmetic itself.
-- NOW(3) needs StarRocks 3.1.6 or later; the session runs in UTC.
SELECT MAX(event_time) AS max_event_time,
       MAX(ingest_time) AS max_ingest_time,
       NOW(3) AS engine_now,
       COUNT(*) AS total_rows
FROM {{database}}.{{table}};
