-- For `freshbench run`: is the marker event visible yet? (a row = seen)
SELECT event_id FROM {{database}}.transactions WHERE event_id = '{{event_id}}' LIMIT 1;
