-- Q1: per-region totals over the last hour.
SELECT region, count() AS cnt, sum(amount) AS total, avg(amount) AS avg_amount
FROM {{database}}.transactions
WHERE event_time >= now64(3) - INTERVAL 1 HOUR
GROUP BY region
ORDER BY total DESC;
