"""The built-in passes, one module each. Importing this package registers them.

``DEFAULT`` is the order a default pipeline runs them in. A web page becomes text (``html``)
right after ``decode``, so that every other pass cleans the article's text. Names are standardised
before boilerplate is judged, so that the boilerplate pass sees the same names in
the text it is given and in the text it gives back (cleaning twice changes nothing).
"""

from cleaner.passes import boilerplate, decode, entities, html, mojibake, names, spacing, tidy, unicode  # noqa: F401

DEFAULT: tuple[str, ...] = (
    "decode",
    "html",
    "entities",
    "mojibake",
    "unicode",
    "spacing",
    "names",
    "boilerplate",
    "tidy",
)
