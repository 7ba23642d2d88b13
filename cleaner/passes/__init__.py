"""The built-in passes, one module each. Importing this package registers them.

``DEFAULT`` is the order a default pipeline runs them in.
"""

from cleaner.passes import boilerplate, decode, entities, mojibake, names, spacing, tidy, unicode  # noqa: F401

DEFAULT: tuple[str, ...] = (
    "decode",
    "entities",
    "mojibake",
    "unicode",
    "spacing",
    "boilerplate",
    "names",
    "tidy",
)
