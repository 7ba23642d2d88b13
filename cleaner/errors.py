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


def reason(e: BaseException) -> str:
    """A plain reason for an error, for a person reading the summary."""
    if isinstance(e, CleanerError):
        return str(e)
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a folder"
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return f"internal error ({type(e).__name__}: {e}); please report it"
