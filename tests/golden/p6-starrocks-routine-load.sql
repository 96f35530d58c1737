-- ===== setup.sql =====
-- P6 target: a primary-key table. ingest_time is stamped by StarRocks itself
-- through the column DEFAULT: Routine Load 3.3 fails (NPE in the task
-- planner) on any function in COLUMNS, even now().
CREATE DATABASE IF NOT EXISTS analytics;
CREATE TABLE IF NOT EXISTS analytics.transactions_p6 (
  event_id    VARCHAR(36)   NOT NULL,
  user_id     BIGINT        NULL,
  amount      DECIMAL(10,2) NULL,
  region      VARCHAR(32)   NULL,
  event_type  VARCHAR(32)   NULL,
  event_time  DATETIME      NULL,
  ingest_time DATETIME      NULL DEFAULT CURRENT_TIMESTAMP
)
PRIMARY KEY (event_id)
DISTRIBUTED BY HASH(event_id) BUCKETS 8
PROPERTIES ("replication_num" = "1");
-- ===== routine-load.sql =====
-- JSON keys map to columns by name; ingest_time is left out of COLUMNS on
-- purpose (its DEFAULT fills it). The job runs in UTC so that DEFAULT
-- CURRENT_TIMESTAMP stamps UTC like event_time (StarRocks' default zone is
-- Asia/Shanghai).
CREATE ROUTINE LOAD analytics.transactions_p6_load ON transactions_p6
COLUMNS (event_id, user_id, amount, region, event_type, event_time)
PROPERTIES (
  "format" = "json",
  "desired_concurrent_number" = "3",
  "max_batch_interval" = "5",
  "timezone" = "UTC"
)
FROM KAFKA (
  "kafka_broker_list" = "kafka:9092",
  "kafka_topic" = "transactions",
  "property.group.id" = "freshbench-p6",
  "property.auto.offset.reset" = "earliest"
);
-- ===== stop-routine-load.sql =====
STOP ROUTINE LOAD FOR analytics.transactions_p6_load;
-- ===== teardown.sql =====
DROP TABLE IF EXISTS analytics.transactions_p6 FORCE;
-- ===== pause.sql =====
PAUSE ROUTINE LOAD FOR analytics.transactions_p6_load;
-- ===== resume.sql =====
RESUME ROUTINE LOAD FOR analytics.transactions_p6_load;
-- ===== q1.sql =====
SELECT region, COUNT(*) AS cnt, SUM(amount) AS total, AVG(amount) AS avg_amount
FROM analytics.transactions_p6
WHERE event_time >= NOW() - INTERVAL 1 HOUR
GROUP BY region
ORDER BY total DESC;
-- ===== q2.sql =====
SELECT DATE_TRUNC('minute', event_time) AS window_start, region,
       COUNT(*) AS event_count, SUM(amount) AS total_amount
FROM analytics.transactions_p6
GROUP BY DATE_TRUNC('minute', event_time), region
ORDER BY window_start DESC, total_amount DESC
LIMIT 120;
-- ===== q3.sql =====
-- Raw values only: freshbench does the millisecond arithmetic itself.
-- NOW(3) needs StarRocks 3.1.6 or later; the session runs in UTC.
SELECT MAX(event_time) AS max_event_time,
       MAX(ingest_time) AS max_ingest_time,
       NOW(3) AS engine_now,
       COUNT(*) AS total_rows
FROM analytics.transactions_p6;
-- ===== status.sql =====
SHOW ROUTINE LOAD FOR analytics.transactions_p6_load;
-- ===== job-exists.sql =====
SHOW ROUTINE LOAD FOR analytics.transactions_p6_load;
