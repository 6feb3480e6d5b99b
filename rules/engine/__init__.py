"""HCxxx: findings the engine makes itself (unused suppressions, internal errors)."""
