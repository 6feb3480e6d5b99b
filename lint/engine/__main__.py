"""`python -m lint.engine`: regenerate the rule manifest (lint/engine/manifest.json) after adding, moving
or changing a rule."""
from lint.engine.registry import write_manifest

print(f"wrote {write_manifest()}")
