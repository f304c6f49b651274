"""scoreline.evaluate layer."""
