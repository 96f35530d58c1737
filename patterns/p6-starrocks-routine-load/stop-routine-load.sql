STOP ROUTINE LOAD FOR {{database}}.{{job}};
