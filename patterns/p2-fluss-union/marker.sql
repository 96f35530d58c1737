-- Marker visibility: which of the pending markers the union read (hot +
-- cold) shows. One batch scan for all of them ({{event_ids}}), since every
-- Flink batch query here is a full scan taking seconds.
SELECT event_id FROM fluss_catalog.{{database}}.{{table}} WHERE event_id IN ({{event_ids}});
