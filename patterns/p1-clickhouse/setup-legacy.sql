-- P1 for ClickHouse < 20 (Debian's 18.16): no DateTime64, no now64.
-- The MergeTree stores event_time_ms and ingest_time_ms (UInt64 epoch
-- milliseconds); event_time and ingest_time are ALIAS columns (DateTime,
-- whole seconds) for Q1/Q2. Why this shape (README.md): an 18.16 view must
-- list every stored target column, and an output alias named like a source
-- column replaces that column everywhere in the view, so the view cannot
-- read event_time as text and also write a DateTime called event_time.
CREATE DATABASE IF NOT EXISTS {{database}};

CREATE TABLE IF NOT EXISTS {{database}}.transactions
(
    event_id        String,
    user_id         UInt64,
    amount          Decimal(12, 2),
    region          String,
    event_type      String,
    event_time_ms   UInt64,
    ingest_time_ms  UInt64,
    event_time      DateTime ALIAS toDateTime(intDiv(event_time_ms, 1000)),
    ingest_time     DateTime ALIAS toDateTime(intDiv(ingest_time_ms, 1000))
)
ENGINE = MergeTree
PARTITION BY toDate(toDateTime(intDiv(event_time_ms, 1000)))
ORDER BY (region, event_time_ms, event_id);

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
         kafka_max_block_size = {{kafka_max_block_size}};

-- event_time is ISO-8601 with milliseconds and 'Z' ("2026-05-25T15:35:55.092Z").
CREATE MATERIALIZED VIEW IF NOT EXISTS {{database}}.kafka_transactions_mv
TO {{database}}.transactions
AS SELECT
    event_id, user_id, amount, region, event_type,
    toUInt64(toUnixTimestamp(parseDateTimeBestEffort(substring(event_time, 1, 19)))) * 1000
        + toUInt64OrZero(substring(event_time, 21, 3)) AS event_time_ms,
    {{clock_ms_sql}} AS ingest_time_ms
FROM {{database}}.kafka_transactions;
