"""DC1xx: compose healthchecks (present, working, well formed)."""
