"""Counter: the visitor counting service and its store (runs beside the site)."""
