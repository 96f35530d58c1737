-- The view first, so nothing is being written while the tables go.
DROP TABLE IF EXISTS {{database}}.kafka_transactions_mv;
DROP TABLE IF EXISTS {{database}}.kafka_transactions;
DROP TABLE IF EXISTS {{database}}.transactions;
