"""scoreline.models layer."""
