"""One screen per file, each named after the step of the method it serves."""
