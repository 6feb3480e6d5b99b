"""Compose rules, by family."""
