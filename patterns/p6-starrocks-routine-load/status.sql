SHOW ROUTINE LOAD FOR {{database}}.{{job}};
