"""Dockerfile rules, by family."""
