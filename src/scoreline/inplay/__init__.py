"""scoreline.inplay layer."""
