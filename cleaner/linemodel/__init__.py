"""A trained line classifier for boilerplate: features of plain-text lines, and the shipped model.

>>> from cleaner.linemodel import LineModel
>>> verdicts = LineModel.load().score_lines(["Home", "News", "World", "Sport", "Business", "Culture"])
>>> [v.remove for v in verdicts[:3]]
[True, True, True]
>>> verdicts[0].why()  # doctest: +ELLIPSIS
'p=0.99...: neighbours +..., ...'

"""

from cleaner.linemodel.model import LineModel, LineScore

__all__ = ["LineModel", "LineScore"]
