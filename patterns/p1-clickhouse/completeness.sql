-- For `freshbench verify`: rows and distinct events visible.
SELECT count() AS total_rows, uniqExact(event_id) AS distinct_event_ids
FROM {{database}}.transactions;
