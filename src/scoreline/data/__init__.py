"""scoreline.data layer."""
