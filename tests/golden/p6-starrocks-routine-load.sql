-- ===== setup =====
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
-- ===== teardown =====
DROP TABLE IF EXISTS analytics.transactions_p6 FORCE;
-- ===== pause =====
PAUSE ROUTINE LOAD FOR analytics.transactions_p6_load;
-- ===== q1 =====
SELECT region, COUNT(*) AS cnt, SUM(amount) AS total, AVG(amount) AS avg_amount
FROM analytics.transactions_p6
WHERE event_time >= NOW() - INTERVAL 1 HOUR
GROUP BY region
ORDER BY total DESC;
-- ===== q2 =====
SELECT DATE_TRUNC('minute', event_time) AS window_start, region,
       COUNT(*) AS event_count, SUM(amount) AS total_amount
FROM analytics.transactions_p6
GROUP BY DATE_TRUNC('minute', event_time), region
ORDER BY window_start DESC, total_amount DESC
LIMIT 120;
-- ===== q3 =====
SELECT MAX(event_time) AS max_event_time,
       MAX(ingest_time) AS max_ingest_time,
       NOW(3) AS engine_now,
       COUNT(*) AS total_rows
FROM analytics.transactions_p6;
-- ===== resume =====
RESUME ROUTINE LOAD FOR analytics.transactions_p6_load;
-- ===== status =====
SHOW ROUTINE LOAD FOR analytics.transactions_p6_load;
-- ===== setup (variant 0) =====
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
-- ===== teardown (variant 0) =====
STOP ROUTINE LOAD FOR analytics.transactions_p6_load;
DROP TABLE IF EXISTS analytics.transactions_p6 FORCE;
