-- Marker visibility on the lake only: visible once a tiering epoch has
-- committed them. One batch scan for all pending markers ({{event_ids}}).
SELECT event_id FROM fluss_catalog.{{database}}.`{{table}}$lake` WHERE event_id IN ({{event_ids}});
