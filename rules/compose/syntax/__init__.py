"""DC0xx: compose files compose cannot read or rejects."""
