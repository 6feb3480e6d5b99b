"""DF0xx: a Dockerfile BuildKit cannot read."""
