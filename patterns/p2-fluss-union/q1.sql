-- Q1: last hour per region (union read: lake + hot log), Flink batch mode.
SELECT region, COUNT(*) AS cnt, SUM(amount) AS total, AVG(amount) AS avg_amount
FROM fluss_catalog.{{database}}.{{table}}
WHERE event_time >= CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3)) - INTERVAL '1' HOUR
GROUP BY region
ORDER BY total DESC;
