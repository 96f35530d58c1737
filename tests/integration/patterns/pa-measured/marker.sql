SEEN {{event_id}};
