-- ===== setup =====
CREATE DATABASE IF NOT EXISTS analytics;
CREATE TABLE IF NOT EXISTS analytics.transactions_p5 (
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
-- ===== teardown =====
DROP TABLE IF EXISTS analytics.transactions_p5 FORCE;
-- ===== q1 =====
SELECT region, COUNT(*) AS cnt, SUM(amount) AS total, AVG(amount) AS avg_amount
FROM analytics.transactions_p5
WHERE event_time >= NOW() - INTERVAL 1 HOUR
GROUP BY region
ORDER BY total DESC;
-- ===== q2 =====
SELECT DATE_TRUNC('minute', event_time) AS window_start, region,
       COUNT(*) AS event_count, SUM(amount) AS total_amount
FROM analytics.transactions_p5
GROUP BY DATE_TRUNC('minute', event_time), region
ORDER BY window_start DESC, total_amount DESC
LIMIT 120;
-- ===== q3 =====
SELECT MAX(event_time) AS max_event_time,
       MAX(ingest_time) AS max_ingest_time,
       NOW(3) AS engine_now,
       COUNT(*) AS total_rows
FROM analytics.transactions_p5;
-- ===== flink job =====
SET 'pipeline.name' = 'freshbench-p5';
CREATE TEMPORARY TABLE kafka_transactions_p5 (
  event_id   STRING,
  user_id    BIGINT,
  amount     DECIMAL(10, 2),
  region     STRING,
  event_type STRING,
  event_time STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'transactions',
  'properties.bootstrap.servers' = 'kafka:9092',
  'properties.group.id' = 'freshbench-p5',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);
CREATE TEMPORARY TABLE starrocks_p5_sink (
  event_id   STRING,
  user_id    BIGINT,
  amount     DECIMAL(10, 2),
  region     STRING,
  event_type STRING,
  event_time TIMESTAMP(3),
  PRIMARY KEY (event_id) NOT ENFORCED
) WITH (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://starrocks:9030',
  'load-url' = 'starrocks:8040',
  'database-name' = 'analytics',
  'table-name' = 'transactions_p5',
  'username' = 'root',
  'password' = '',
  'sink.version' = 'V1',
  'sink.semantic' = 'at-least-once',
  'sink.buffer-flush.max-rows' = '64000',
  'sink.buffer-flush.interval-ms' = '5000',
  'sink.properties.format' = 'csv',
  'sink.properties.column_separator' = '\x01'
);
INSERT INTO starrocks_p5_sink
SELECT event_id, user_id, amount, region, event_type,
       TO_TIMESTAMP(REPLACE(event_time, 'Z', ''), 'yyyy-MM-dd''T''HH:mm:ss.SSS')
FROM kafka_transactions_p5;
