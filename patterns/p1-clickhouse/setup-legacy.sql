-- P1 for ClickHouse < 20 (Debian's 18.16): no DateTime64, no now64.
-- event_time and ingest_time are DateTime (seconds, for Q1/Q2) plus
-- *_ms UInt64 epoch milliseconds (for Q3). The Kafka table reads each
-- message as one raw line: 18.16 replaces a source column by a same-named
-- alias everywhere in the view, so event_time cannot be both read as text
-- and written as DateTime; a view must also list every target column and
-- cannot read from a subquery or cascade through a second view.
CREATE DATABASE IF NOT EXISTS {{database}};

CREATE TABLE IF NOT EXISTS {{database}}.transactions
(
    event_id        String,
    user_id         UInt64,
    amount          Decimal(12, 2),
    region          String,
    event_type      String,
    event_time      DateTime,
    event_time_ms   UInt64,
    ingest_time     DateTime,
    ingest_time_ms  UInt64
)
ENGINE = MergeTree
PARTITION BY toDate(event_time)
ORDER BY (region, event_time, event_id);

CREATE TABLE IF NOT EXISTS {{database}}.kafka_transactions (raw String)
ENGINE = Kafka
SETTINGS kafka_broker_list = '{{kafka_bootstrap}}',
         kafka_topic_list = '{{topic}}',
         kafka_group_name = '{{kafka_group}}',
         kafka_format = 'TabSeparated',
         kafka_row_delimiter = '\n',
         kafka_num_consumers = {{kafka_num_consumers}},
         kafka_max_block_size = {{kafka_max_block_size}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{database}}.kafka_transactions_mv
TO {{database}}.transactions
AS SELECT
    visitParamExtractString(raw, 'event_id') AS event_id,
    visitParamExtractUInt(raw, 'user_id') AS user_id,
    toDecimal64(visitParamExtractFloat(raw, 'amount'), 2) AS amount,
    visitParamExtractString(raw, 'region') AS region,
    visitParamExtractString(raw, 'event_type') AS event_type,
    parseDateTimeBestEffort(substring(visitParamExtractString(raw, 'event_time'), 1, 19)) AS event_time,
    toUInt64(event_time) * 1000
        + toUInt64OrZero(substring(visitParamExtractString(raw, 'event_time'), 21, 3)) AS event_time_ms,
    toDateTime(intDiv(ingest_time_ms, 1000)) AS ingest_time,
    {{clock_ms_sql}} AS ingest_time_ms
FROM {{database}}.kafka_transactions;
