"""The built-in passes, one module each. Importing this package registers them.

``DEFAULT`` is the order a default pipeline runs them in. Names are standardised
before boilerplate is judged, so that the boilerplate pass sees the same names in
the text it is given and in the text it gives back (cleaning twice changes nothing).
"""

from cleaner.passes import boilerplate, decode, entities, mojibake, names, spacing, tidy, unicode  # noqa: F401

DEFAULT: tuple[str, ...] = (
    "decode",
    "entities",
    "mojibake",
    "unicode",
    "spacing",
    "names",
    "boilerplate",
    "tidy",
)
