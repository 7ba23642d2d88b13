"""Every document has a time budget: a document over it fails with the pass and rule that ran, quickly."""

from __future__ import annotations

import re
import threading
import time

import pytest

from cleaner import CleanerError, Document, Pass, Pipeline
from cleaner.budget import OverBudget, seconds_for
from cleaner.document import Edit


class Backtracking(Pass):
    name = "backtracking"
    summary = "a regular expression that backtracks for ever, as a careless pass or rule might"

    def apply(self, text: str, doc: Document) -> str:
        rule_id = "backtracking.nested"
        re.fullmatch(r"(a+)+$", "a" * 60 + "!")
        return self.edit(doc, text, [Edit(0, 0, "", rule_id)])


class Slow(Pass):
    name = "slow"
    summary = "sleeps, as a pass stuck on an input would"

    def apply(self, text: str, doc: Document) -> str:
        time.sleep(0.4)
        return text


def test_a_stuck_regular_expression_fails_the_document_within_its_budget() -> None:
    pipeline = Pipeline(["tidy", Backtracking], time_limit=0.5)
    started = time.monotonic()
    with pytest.raises(OverBudget) as e:
        pipeline.clean("An ordinary line.")
    assert time.monotonic() - started < 5
    assert e.value.pass_name == "backtracking" and e.value.rule == "backtracking.nested"
    assert "in pass backtracking, rule backtracking.nested" in str(e.value) and "0.5 s" in str(e.value)
    assert isinstance(e.value, CleanerError)


def test_the_budget_is_checked_between_passes_outside_the_main_thread() -> None:
    pipeline = Pipeline([Slow, Slow, Slow, Slow], time_limit=0.3)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            pipeline.clean("text")
        except BaseException as e:
            errors.append(e)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    assert len(errors) == 1 and isinstance(errors[0], OverBudget) and errors[0].pass_name == "slow"


def test_a_document_within_its_budget_is_cleaned_and_the_timer_is_cleared() -> None:
    pipeline = Pipeline(time_limit=5)
    assert pipeline.clean("Some text.  ") == "Some text.\n"
    time.sleep(0.01)
    assert pipeline.clean("More text.") == "More text.\n"


def test_larger_documents_get_more_time() -> None:
    assert seconds_for(1000) == seconds_for(0) < seconds_for(10_000_000)


@pytest.mark.parametrize("bad", [0, -1, float("nan")])
def test_a_budget_must_be_positive(bad: float) -> None:
    with pytest.raises(CleanerError, match="time_limit"):
        Pipeline(time_limit=bad)
