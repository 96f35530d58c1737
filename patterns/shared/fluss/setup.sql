-- Shared by P2 and P3 (one Fluss table, its Paimon lake, two Flink jobs).
-- Idempotent: IF NOT EXISTS / IF TABLE MISSING for objects, IF NOT RUNNING for jobs.
CREATE DATABASE IF NOT EXISTS fluss_catalog.{{database}};
-- Fluss rejects CREATE TABLE IF NOT EXISTS once the lake table holds data.
IF TABLE MISSING 'fluss_catalog.{{database}}.{{table}}'
CREATE TABLE IF NOT EXISTS fluss_catalog.{{database}}.{{table}} (
  event_id    STRING,
  user_id     BIGINT,
  amount      DECIMAL(10, 2),
  region      STRING,
  event_type  STRING,
  event_time  TIMESTAMP(3),
  ingest_time TIMESTAMP(3)
) WITH (
  'bucket.num' = '{{bucket_num}}',
  'table.datalake.enabled' = 'true',
  'table.datalake.freshness' = '{{lake_freshness}}'
);
-- The lake tiering service: a jar job, run through the JobManager's REST API.
IF NOT RUNNING '{{tiering_job}}' RUN JAR '{{tiering_jar}}'
  ENTRY 'org.apache.fluss.flink.tiering.FlussLakeTieringEntrypoint'
  ARGS '--fluss.bootstrap.servers ${fluss_bootstrap} --datalake.format paimon --datalake.paimon.metastore filesystem --datalake.paimon.warehouse ${paimon_warehouse}${paimon_args}';
-- event_time arrives as ISO-8601 with a 'Z' suffix, which Flink's JSON
-- format rejects for TIMESTAMP(3): read it as STRING and convert.
CREATE TEMPORARY TABLE IF NOT EXISTS default_catalog.default_database.kafka_{{table}} (
  event_id    STRING,
  user_id     BIGINT,
  amount      DECIMAL(10, 2),
  region      STRING,
  event_type  STRING,
  event_time  STRING
) WITH (
  'connector' = 'kafka',
  'topic' = '{{topic}}',
  'properties.bootstrap.servers' = '{{kafka_bootstrap}}',
  'properties.group.id' = '{{kafka_group}}',
  'properties.auto.offset.reset' = '{{kafka_startup}}',
  'scan.startup.mode' = 'group-offsets',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);
SET 'execution.runtime-mode' = 'streaming';
SET 'pipeline.name' = '{{ingest_job}}';
-- ingest_time: stamped by Flink as the row passes (UTC session time zone).
IF NOT RUNNING '{{ingest_job}}' INSERT INTO fluss_catalog.{{database}}.{{table}}
SELECT event_id, user_id, amount, region, event_type,
       TO_TIMESTAMP(REPLACE(event_time, 'Z', ''), 'yyyy-MM-dd''T''HH:mm:ss.SSS'),
       CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3))
FROM default_catalog.default_database.kafka_{{table}};
