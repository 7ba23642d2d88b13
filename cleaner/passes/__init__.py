"""The built-in passes, one module each. Importing this package registers them.

``DEFAULT`` is the order a default pipeline runs them in. A web page becomes text (``html``)
right after ``decode``, so that every other pass cleans the article's text. Names are standardised
before boilerplate is judged, so that the boilerplate pass sees the same names in
the text it is given and in the text it gives back (cleaning twice changes nothing). A source's
template lines (``template``, on corpus evidence only) go just before the rules judge the rest.
"""

from cleaner.passes import (  # noqa: F401
    boilerplate,
    decode,
    entities,
    html,
    mojibake,
    names,
    spacing,
    template,
    tidy,
    unicode,
)

DEFAULT: tuple[str, ...] = (
    "decode",
    "html",
    "entities",
    "mojibake",
    "unicode",
    "spacing",
    "names",
    "template",
    "boilerplate",
    "tidy",
)
