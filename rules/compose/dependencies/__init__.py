"""DC2xx: depends_on (defined, acyclic, waiting for the right condition, implicit dependencies)."""
