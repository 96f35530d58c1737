PAUSE ROUTINE LOAD FOR {{database}}.{{job}};
