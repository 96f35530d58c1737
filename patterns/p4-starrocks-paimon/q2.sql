SELECT /*+ SET_VAR(new_planner_optimize_timeout={{planner_timeout_ms}}) */
       DATE_TRUNC('minute', event_time) AS window_start, region,
       COUNT(*) AS event_count, SUM(amount) AS total_amount
FROM {{catalog}}.{{lake_database}}.{{lake_table}}
GROUP BY DATE_TRUNC('minute', event_time), region
ORDER BY window_start DESC, total_amount DESC
LIMIT 120;
