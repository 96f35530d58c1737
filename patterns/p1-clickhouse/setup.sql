-- P1 for ClickHouse >= 20: the seed's DDL (DateTime64(3), now64(3)).
CREATE DATABASE IF NOT EXISTS {{database}};

CREATE TABLE IF NOT EXISTS {{database}}.transactions
(
    event_id     String,
    user_id      UInt64,
    amount       Decimal(12, 2),
    region       LowCardinality(String),
    event_type   LowCardinality(String),
    event_time   DateTime64(3, 'UTC'),
    ingest_time  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toDate(event_time)
ORDER BY (region, event_time, event_id);

CREATE TABLE IF NOT EXISTS {{database}}.kafka_transactions
(
    event_id     String,
    user_id      UInt64,
    amount       Decimal(12, 2),
    region       String,
    event_type   String,
    event_time   String
)
ENGINE = Kafka
SETTINGS kafka_broker_list = '{{kafka_bootstrap}}',
         kafka_topic_list = '{{topic}}',
         kafka_group_name = '{{kafka_group}}',
         kafka_format = 'JSONEachRow',
         kafka_num_consumers = {{kafka_num_consumers}},
         kafka_max_block_size = {{kafka_max_block_size}},
         kafka_flush_interval_ms = {{kafka_flush_interval_ms}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{database}}.kafka_transactions_mv
TO {{database}}.transactions
AS SELECT event_id, user_id, amount, region, event_type,
          parseDateTime64BestEffort(event_time, 3, 'UTC') AS event_time
FROM {{database}}.kafka_transactions;
