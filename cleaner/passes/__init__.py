"""The built-in passes, one module each. Importing this package registers them.

``DEFAULT`` is the order a default pipeline runs them in.
"""

from cleaner.passes import decode, mojibake, tidy  # noqa: F401

DEFAULT: tuple[str, ...] = ("decode", "mojibake", "tidy")
