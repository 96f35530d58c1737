DROP TABLE IF EXISTS {{database}}.{{table}} FORCE;
