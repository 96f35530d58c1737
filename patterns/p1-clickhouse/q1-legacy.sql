-- Q1: per-region totals over the last hour (now(): no now64 before 20).
SELECT region, count() AS cnt, sum(amount) AS total, avg(amount) AS avg_amount
FROM {{database}}.transactions
WHERE event_time >= now() - INTERVAL 1 HOUR
GROUP BY region
ORDER BY total DESC;
