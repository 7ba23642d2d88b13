"""blocks: a document's non-empty lines, as the boilerplate rules see them."""

from __future__ import annotations

from cleaner import Pipeline
from cleaner.blocks import split


def test_blocks_keep_offsets_and_even_out_spaces() -> None:
    text = "  Share \t this\u00a0 article  \n\nBody text here.\n"
    first, second = split(text)
    assert first.key == "Share this article"
    assert text[first.start : first.end] == "  Share \t this\u00a0 article  \n"
    assert (second.line, second.key, second.words) == (3, "Body text here.", 3)


def test_rules_see_one_space_for_a_run() -> None:
    """A share bar spread out by a removed icon is still a share bar."""
    text = "Body of the article, long enough to stay.\n\nShare    this     article\n\nMore of the article body here.\n"
    assert "Share" not in Pipeline(["boilerplate"]).clean(text)


def test_a_long_run_of_space_inside_a_line_stays_within_the_time_budget() -> None:
    """Rule patterns with adjacent white-space quantifiers took minutes on a line holding a long run.

    A budget of 5 s (the default is 30) fails the document with OverBudget if that comes back;
    ``bench/growth.py`` measures how each pass grows.
    """
    pipeline = Pipeline(["boilerplate"], time_limit=5)
    for text in ("a" + " " * 100_000 + ",", "the" + " \t" * 50_000 + "x"):
        pipeline.clean(text)


def test_blocks_without_some_lines_are_those_of_the_text_without_them() -> None:
    """A later look of the boilerplate pass takes its blocks from the last look's, not from the text."""
    from cleaner.blocks import without

    text = "Menu\n\n  Home \t News\nA first sentence of the story.\n\nShare this\nThe end of it.\nLast line"
    blocks = split(text)
    for gone in ({0}, {1, 3}, {5}, {0, 1, 2, 3, 4, 5}, {2, 5}):
        left = text
        for b in sorted((blocks[n] for n in gone), key=lambda b: -b.start):  # cut from the end: offsets hold
            left = left[: b.start] + left[b.end :]
        assert without(blocks, gone) == split(left), gone


def test_a_text_spaced_plainly_is_told_apart_from_one_whose_keys_differ_from_its_lines() -> None:
    from cleaner.blocks import OTHER_SPACE, spaced_plainly

    assert set(OTHER_SPACE) == {c for c in map(chr, range(0x110000)) if c.isspace()} - set(" \n")
    assert spaced_plainly(b"One line.\nAnother line here.", "")
    assert spaced_plainly("Caf\u00e9 \u2014 line.\n".encode(), "\u00e9\u2014")
    for uneven in ("Two  spaces", " Lead", "Trail \nx", "x\n lead", "tab\there", "nb\u00a0sp", "x\u3000y", "end "):
        assert not spaced_plainly(uneven.encode(), "".join(c for c in uneven if c >= "\x80")), uneven
        assert [b.key for b in split(uneven)] == [" ".join(line.split()) for line in uneven.split("\n") if line.split()]
