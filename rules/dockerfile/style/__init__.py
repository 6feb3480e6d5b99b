"""DF7xx: style (off by default: taste, not correctness)."""
