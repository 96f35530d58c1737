-- The primary-key table P5 and P6 each load (table = the pattern's
-- setting): one definition, so both are measured on the same schema.
-- ingest_time is stamped by StarRocks when a load lands, through the
-- column DEFAULT: P5's Flink sink leaves the column out, and P6's Routine
-- Load may not compute it (StarRocks 3.3 fails, NPE in the task planner,
-- on any function in COLUMNS, even now()).
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
