"""DC3xx: restart policies."""
