"""Errors that cleaner reports to its users."""


class CleanerError(Exception):
    """Base of every error cleaner raises on purpose."""


class ConfigError(CleanerError):
    """A pipeline cannot be built as asked (unknown pass, unknown option, bad rules)."""


class RuleError(ConfigError):
    """Rules files that do not validate; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class DecodeError(CleanerError):
    """Bytes that are not text, or not text in any encoding that fits."""
