START {{start_from}};
