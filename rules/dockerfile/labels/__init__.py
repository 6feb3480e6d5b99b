"""DF6xx: labels and metadata (label keys, label schemas)."""
