"""Reviewing cleaned output against golden files.

- :mod:`~cleaner.review.trace`: which changes made each output line, from the change log;
- :mod:`~cleaner.review.diff`: samples compared with golden files, each differing line explained;
- :mod:`~cleaner.review.text`: the comparison for a terminal;
- :mod:`~cleaner.review.accept`: obtained output accepted as golden; golden files without a sample removed;
- :mod:`~cleaner.review.html`: the comparison as one self-contained page;
- :mod:`~cleaner.review.pytest_plugin`: golden-file tests in a user's own test suite.
"""
