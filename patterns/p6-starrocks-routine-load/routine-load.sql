-- JSON keys map to columns by name; ingest_time is left out of COLUMNS on
-- purpose (its DEFAULT fills it). The job runs in UTC so that DEFAULT
-- CURRENT_TIMESTAMP stamps UTC like event_time (StarRocks' default zone is
-- Asia/Shanghai).
CREATE ROUTINE LOAD {{database}}.{{job}} ON {{table}}
COLUMNS (event_id, user_id, amount, region, event_type, event_time)
PROPERTIES (
  "format" = "json",
  "desired_concurrent_number" = "{{desired_concurrent_number}}",
  "max_batch_interval" = "{{max_batch_interval}}",
  "timezone" = "UTC"
)
FROM KAFKA (
  "kafka_broker_list" = "{{kafka_bootstrap}}",
  "kafka_topic" = "{{topic}}",
  "property.group.id" = "{{consumer_group}}",
  "property.auto.offset.reset" = "{{start_from}}"
);
