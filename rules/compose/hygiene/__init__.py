"""DC4xx: obsolete and deprecated keys."""
