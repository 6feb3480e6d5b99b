"""Output formats: one module per format, each with render(result, *, display, ...) -> str."""
FORMATS = ("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit")
