SELECT /*+ SET_VAR(new_planner_optimize_timeout={{planner_timeout_ms}}) */
       region, COUNT(*) AS cnt, SUM(amount) AS total, AVG(amount) AS avg_amount
FROM {{catalog}}.{{lake_database}}.{{lake_table}}
WHERE event_time >= NOW() - INTERVAL 1 HOUR
GROUP BY region
ORDER BY total DESC;
