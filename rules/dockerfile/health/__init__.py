"""DF1xx: HEALTHCHECK instructions (present, working, where they take effect)."""
