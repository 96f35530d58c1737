-- Shared by P2 and P3: stops both jobs, drops the Fluss table and its lake.
CANCEL JOBS '{{ingest_job}}', '{{tiering_job}}';
DROP TABLE IF EXISTS fluss_catalog.{{database}}.{{table}};
DROP TABLE IF EXISTS paimon_catalog.{{database}}.{{table}};
