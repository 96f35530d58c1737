-- Completeness: rows visible and distinct event ids (freshbench verify).
SELECT COUNT(*) AS total_rows, COUNT(DISTINCT event_id) AS distinct_event_ids
FROM fluss_catalog.{{database}}.{{table}};
