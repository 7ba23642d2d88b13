"""A trained line classifier for boilerplate: features of plain-text lines, and the shipped model.

>>> from cleaner.linemodel import LineModel
>>> verdicts = LineModel.load().score_lines(["Home", "News", "World", "", "The minister said on Monday "
...     "that the plan, which was delayed twice last year, would go ahead as soon as the budget passed."])
>>> verdicts[3] is None, verdicts[0].score > verdicts[4].score
(True, True)
>>> verdicts[0].why()  # doctest: +ELLIPSIS
'p=0...'

"""

from cleaner.linemodel.model import LineModel, LineScore

__all__ = ["LineModel", "LineScore"]
