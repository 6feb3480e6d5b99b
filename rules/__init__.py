"""hullcheck rules: one module per rule (see DESIGN.md)."""
