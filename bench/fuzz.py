"""A long property campaign by hand: every distinct failure of the cleaning invariants, minimised.

Runs the invariants of ``tests/invariants.py`` over the generators of ``tests/strategies.py``
for a time budget per property. Each failure has a family (the property and the pass/rule
that made the offending change); once a family is found and minimised, later searches treat
it as known and look for others, so each family is printed once, as a Python literal::

    PYTHONPATH=. timeout 1800 python bench/fuzz.py --minutes 2            # every property
    PYTHONPATH=. python bench/fuzz.py --minutes 5 idempotence emptied      # some of them

Exit status 1 if any failure was found.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import invariants as inv
import strategies as gen

# name -> (inputs, check taking one input)
PROPERTIES: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "idempotence": (st.one_of(gen.document(), gen.any_text()), inv.check_idempotent),
    "idempotence-bytes": (gen.encoded_document(), inv.check_idempotent),
    "exception": (gen.any_text(), inv.check_no_exception),
    "exception-bytes": (gen.any_bytes(), inv.check_no_exception),
    "emptied": (gen.any_text(), inv.check_not_emptied),
    "emptied-bytes": (gen.any_bytes(), inv.check_not_emptied),
    "body-lost": (gen.article_under_debris(), lambda case: inv.check_body_kept(*case)),
    "cut-decodes": (gen.cut_prose(), inv.check_cut_text_decodes),
    "stray-byte": (gen.utf8_with_stray_byte(), lambda case: inv.check_stray_byte_stays_local(*case)),
    "invented": (gen.document(), inv.check_no_invented_words),
    "ascii-lines": (gen.ascii_document(), inv.check_lines_from_input),
    "replay": (gen.any_text(), inv.check_replays),
    "line-count": (gen.any_text(), inv.check_line_count),
    "layout": (gen.prose_document(), lambda case: inv.check_prose_layout(*case)),
}


class TimeUp(Exception):
    """The search's time is over (raised inside the search to end it)."""


def search(
    inputs: st.SearchStrategy[Any], check: Callable[[Any], None], known: set[tuple[str, ...]], deadline: float
) -> tuple[Any, inv.Violation] | None:
    """One hypothesis search for a failure of a family not in ``known``; the minimal case found, or None."""
    target: list[tuple[str, ...]] = []
    last: list[tuple[Any, inv.Violation]] = []

    @settings(
        max_examples=1_000_000,
        deadline=None,
        database=None,
        report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.shrink],
    )
    @given(inputs)
    def probe(x: Any) -> None:
        if time.monotonic() > deadline and not target:
            raise TimeUp
        try:
            try:
                check(x)
            except inv.Violation:
                raise
            except Exception as e:
                raise inv.Violation(f"{type(e).__name__}: {e}", inv.crash_family(e)) from e
        except inv.Violation as v:
            if v.family in known or (target and v.family != target[0]):
                return
            target[:] = [v.family]
            last.append((x, v))
            raise

    try:
        probe()
    except TimeUp:
        return None
    except inv.Violation:
        return last[-1]
    except HypothesisException:  # e.g. a flaky failure: report the last case that failed
        return last[-1] if last else None
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("properties", nargs="*", help=f"some of: {', '.join(PROPERTIES)} (default: all)")
    parser.add_argument("--minutes", type=float, default=2.0, help="search time per property (default 2)")
    parser.add_argument("--families", type=int, default=15, help="stop a property after this many families")
    args = parser.parse_args()
    unknown = set(args.properties) - set(PROPERTIES)
    if unknown:
        parser.error(f"unknown properties: {', '.join(sorted(unknown))}")
    found = 0
    for name in args.properties or PROPERTIES:
        inputs, check = PROPERTIES[name]
        known: set[tuple[str, ...]] = set()
        deadline = time.monotonic() + 60 * args.minutes
        print(f"== {name}", flush=True)
        while time.monotonic() < deadline and len(known) < args.families:
            hit = search(inputs, check, known, deadline)
            if hit is None:
                break
            x, v = hit
            known.add(v.family)
            found += 1
            print(f"-- {' '.join(v.family)}\n{x!r}\n{v}\n", flush=True)
        print(f"   {len(known)} famil{'y' if len(known) == 1 else 'ies'}", flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
