-- A read-only view of the Paimon lake that Fluss tiering writes; nothing is
-- copied into StarRocks.
CREATE EXTERNAL CATALOG IF NOT EXISTS {{catalog}}
COMMENT "Fluss lake: Paimon tables on S3"
PROPERTIES (
  "type" = "paimon",
  "paimon.catalog.type" = "filesystem",
  "paimon.catalog.warehouse" = "{{warehouse}}",
  "aws.s3.use_aws_sdk_default_behavior" = "false",
  "aws.s3.use_instance_profile" = "false",
  "aws.s3.enable_ssl" = "{{s3_enable_ssl}}",
  "aws.s3.enable_path_style_access" = "{{s3_path_style}}",
  "aws.s3.endpoint" = "{{s3_endpoint}}",
  "aws.s3.region" = "{{s3_region}}",
  "aws.s3.access_key" = "{{s3_access_key}}",
  "aws.s3.secret_key" = "{{s3_secret_key}}"
);
