-- Q2: one-minute windows per region (batch mode: FLOOR instead of TUMBLE).
SELECT FLOOR(event_time TO MINUTE) AS window_start, region,
       COUNT(*) AS event_count, SUM(amount) AS total_amount
FROM fluss_catalog.{{database}}.{{table}}
GROUP BY FLOOR(event_time TO MINUTE), region
ORDER BY window_start DESC, total_amount DESC
LIMIT 120;
