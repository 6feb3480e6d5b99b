"""DF5xx: security (the user an image runs as, registries, secrets in ARG/ENV)."""
