"""Running for a hall: memory that comes back, bulk work at a lower priority."""
