"""DF2xx: how the container starts (PID 1, dependency waits, tools left in the final image)."""
