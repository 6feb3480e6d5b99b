"""Output formats: one module per format, each with render(result, options) -> str."""
FORMATS = ("text", "json")
