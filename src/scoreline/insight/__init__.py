"""scoreline.insight layer: upsets and comebacks, ranking surprises."""
