-- ===== setup =====
CREATE EXTERNAL CATALOG IF NOT EXISTS paimon_catalog
COMMENT "Fluss lake: Paimon tables on S3"
PROPERTIES (
  "type" = "paimon",
  "paimon.catalog.type" = "filesystem",
  "paimon.catalog.warehouse" = "s3://fluss/paimon-warehouse",
  "aws.s3.use_aws_sdk_default_behavior" = "false",
  "aws.s3.use_instance_profile" = "false",
  "aws.s3.enable_ssl" = "false",
  "aws.s3.enable_path_style_access" = "true",
  "aws.s3.endpoint" = "http://minio:9000",
  "aws.s3.region" = "us-east-1",
  "aws.s3.access_key" = "minioadmin",
  "aws.s3.secret_key" = "minioadmin"
);
-- ===== teardown =====
DROP CATALOG IF EXISTS paimon_catalog;
-- ===== q1 =====
SELECT /*+ SET_VAR(new_planner_optimize_timeout=30000) */
       region, COUNT(*) AS cnt, SUM(amount) AS total, AVG(amount) AS avg_amount
FROM paimon_catalog.analytics.transactions
WHERE event_time >= NOW() - INTERVAL 1 HOUR
GROUP BY region
ORDER BY total DESC;
-- ===== q2 =====
SELECT /*+ SET_VAR(new_planner_optimize_timeout=30000) */
       DATE_TRUNC('minute', event_time) AS window_start, region,
       COUNT(*) AS event_count, SUM(amount) AS total_amount
FROM paimon_catalog.analytics.transactions
GROUP BY DATE_TRUNC('minute', event_time), region
ORDER BY window_start DESC, total_amount DESC
LIMIT 120;
-- ===== q3 =====
SELECT /*+ SET_VAR(new_planner_optimize_timeout=30000) */
       MAX(event_time) AS max_event_time,
       MAX(ingest_time) AS max_ingest_time,
       NOW(3) AS engine_now,
       COUNT(*) AS total_rows
FROM paimon_catalog.analytics.transactions;
