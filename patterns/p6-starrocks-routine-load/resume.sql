RESUME ROUTINE LOAD FOR {{database}}.{{job}};
