-- P5 target. ingest_time is stamped by StarRocks when a Stream Load batch
-- lands (the Flink sink leaves the column out, so its DEFAULT applies).
CREATE DATABASE IF NOT EXISTS {{database}};
CREATE TABLE IF NOT EXISTS {{database}}.{{table}} (
  event_id    VARCHAR(36)   NOT NULL,
  user_id     BIGINT        NULL,
  amount      DECIMAL(10,2) NULL,
  region      VARCHAR(32)   NULL,
  event_type  VARCHAR(32)   NULL,
  event_time  DATETIME      NULL,
  ingest_time DATETIME      NULL DEFAULT CURRENT_TIMESTAMP
)
PRIMARY KEY (event_id)
DISTRIBUTED BY HASH(event_id) BUCKETS {{buckets}}
PROPERTIES ("replication_num" = "{{replication_num}}");
