"""Corpus evidence: a site's template lines go, the articles' own lines stay, in bounded memory, on every engine."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Pipeline
from cleaner.cli import main
from cleaner.corpus import Corpus, scan
from cleaner.document import Document, replay

STORIES = [
    ("Council Approves New Harbour Budget After Long Debate", "harbour", "the council"),
    ("Rail Strike Halts Morning Trains Across the Region", "railway", "the union"),
    ("Local School Wins National Robotics Championship", "robotics", "the school"),
    ("Storm Damage Closes Coastal Road for a Week", "coastal road", "the highways agency"),
    ("City Museum Reopens With a Wing for Modern Art", "museum", "the curator"),
    ("Hospital Opens Night Clinic for Minor Injuries", "clinic", "the hospital trust"),
]
MENU = ["Home", "News", "Sport", "Business", "Opinion"]
FOOTER = ["The Example Wire contributed to this report.", "Follow us on social media", "© 2024 Example Times Ltd"]


def page(i: int) -> str:
    """A page of the Example Times: menu, title, byline, dateline, the article, a sidebar of headlines, footer."""
    title, topic, who = STORIES[i]
    most_read = [t for t, _, _ in STORIES[:4]]  # the same list on every page, its own title too
    body = [
        f"The plan for the {topic} was described by {who} as the most important decision in a decade.",
        f"Residents gathered on Tuesday to hear how the {topic} would change daily life in the town.",
        f"“We have waited a long time for this,” said one neighbour, who asked {who} for more detail.",
        "Officials said the work would begin next spring.",  # the same in five stories of six
    ]
    if i == 5:
        body[-1] = f"Officials said the {topic} work would begin next spring."
    return (
        "\n".join([*MENU, title, "By Jane Porter", f"March {i + 3}, 2024", *body, "Most read", *most_read, *FOOTER])
        + "\n"
    )


PAGES = [page(i) for i in range(6)]


def cleaned_with_evidence(texts: list[str], **options: object) -> list[str]:
    pipeline = Pipeline(**options)
    evidence = pipeline.with_corpus(scan(pipeline, texts))
    return [evidence.clean(t) for t in texts]


def test_template_lines_go_and_the_articles_stay() -> None:
    out = cleaned_with_evidence(PAGES)
    for i, text in enumerate(out):
        lines = text.splitlines()
        title = STORIES[i][0]
        assert lines.count(title) == 1  # the headline stays; the sidebar's copy goes
        assert "By Jane Porter" in lines and f"March {i + 3}, 2024" in lines  # byline and dateline
        assert sum(STORIES[i][1] in line for line in lines) >= 2  # the article's own sentences
        assert "Most read" not in lines and "Follow us on social media" not in lines
        assert "The Example Wire contributed to this report." not in lines
        for j, (other, _, _) in enumerate(STORIES[:4]):
            if j != i:
                assert other not in lines  # the sidebar of headlines


def test_a_sentence_most_stories_end_with_stays() -> None:
    out = cleaned_with_evidence(PAGES)
    # "Officials said the work would begin next spring." is in 5 of 6 stories, beside their own text
    assert all("begin next spring." in text for text in out)


def test_without_evidence_the_pass_changes_nothing() -> None:
    pipeline = Pipeline(["decode", "template", "tidy"])
    assert pipeline.clean(PAGES[0]) == PAGES[0]


def test_a_source_with_few_documents_is_not_judged() -> None:
    texts = PAGES[:3]
    pipeline = Pipeline(["decode", "template", "tidy"])
    evidence = pipeline.with_corpus(scan(pipeline, texts))
    assert [evidence.clean(t) for t in texts] == texts


def test_copies_of_one_document_are_counted_once() -> None:
    texts = [PAGES[0]] * 6
    pipeline = Pipeline(["decode", "template", "tidy"])
    corpus = scan(pipeline, texts)
    assert corpus.documents("this batch") == 1
    assert pipeline.with_corpus(corpus).clean(texts[0]) == texts[0]


def test_prose_that_repeats_stays() -> None:
    disclaimer = (
        "This article is provided for general information only and does not constitute advice of any kind, "
        "and readers should consult a qualified professional before acting on anything they have read here today."
    )
    texts = [p.replace("Most read\n", f"{disclaimer}\nMost read\n") for p in PAGES]
    assert all(disclaimer in t for t in cleaned_with_evidence(texts, passes=["decode", "template", "tidy"]))


def test_explain_says_in_how_many_documents_of_which_source() -> None:
    pipeline = Pipeline(["decode", "template", "tidy"])
    texts = PAGES
    evidence = pipeline.with_corpus(scan(pipeline, texts, ["example-times"] * len(texts)))
    doc = evidence.run(Document(text=texts[0], meta={"group": "example-times"}, changes=[]))
    notes = [c.note for c in doc.changes or [] if c.rule == "template.repeated" and c.before]
    assert "in 6 of 6 documents of example-times" in notes
    assert replay(texts[0], doc.changes or []) == doc.text


def test_the_guard_keeps_a_document_that_is_all_template() -> None:
    stub = "Home\nNews\nSport\nFollow us on social media\n"
    texts = [stub + f"The {topic} story of the week, told in full\n" for _, topic, _ in STORIES[:5]] + [stub]
    pipeline = Pipeline(["decode", "template", "tidy"])
    doc = pipeline.with_corpus(scan(pipeline, texts)).document(stub)
    assert doc.text == stub
    assert any("template lines would remove" in f for f in doc.flags)


def test_the_table_stays_within_its_capacity() -> None:
    rng = random.Random(7)
    corpus = Corpus(capacity=2_000)
    true: dict[int, int] = {}
    for _ in range(3_000):
        keys = sorted({rng.randrange(1, 50_000) for _ in range(20)} | {1, 3, 5})  # three keys in every document
        corpus.add("site", [rng.randrange(10**12) * 2 + 1, *keys])
        for k in keys:
            true[k] = true.get(k, 0) + 1
        assert corpus.size == sum(map(len, corpus.counts.values())) <= 2_000
    assert corpus.count("site", 1) == corpus.count("site", 3) == 3_000  # the template is never forgotten
    assert all(corpus.count("site", k) <= n for k, n in true.items())  # counts only ever come out low


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in" / "example-times"
    folder.mkdir(parents=True)
    for i, text in enumerate(PAGES):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return tmp_path / "in"


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.txt"))}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_is_cleaned_with_its_evidence_the_same_with_any_number_of_workers(tmp_path: Path, jobs: str) -> None:
    src = _folder(tmp_path)
    for i in range(10):  # enough files to keep two workers busy
        (src / "other").mkdir(exist_ok=True)
        (src / "other" / f"{i}.txt").write_text(f"Note {i}.\n", encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "one"), "-j", "1"])
    many = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "many"), "-j", jobs])
    assert one.exit_code == many.exit_code == 0, many.output
    assert "corpus evidence of 16 files" in many.stderr
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "many")
    text = (tmp_path / "many" / "example-times" / "0.txt").read_text(encoding="utf-8")
    assert "Most read" not in text and STORIES[0][0] in text


def test_evidence_can_be_switched_off(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out"), "--corpus-evidence", "off"])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "example-times" / "0.txt").read_text(encoding="utf-8") == Pipeline().clean(PAGES[0])


def test_evidence_on_needs_a_batch() -> None:
    result = CliRunner().invoke(main, ["clean", "-", "--corpus-evidence", "on"], input=PAGES[0])
    assert result.exit_code == 2 and "needs a batch" in result.stderr


def test_records_are_grouped_by_their_host(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"url": f"https://www.example-times.com/{i}", "text": t} for i, t in enumerate(PAGES)]
    rows += [{"url": f"https://other.org/{i}", "text": t} for i, t in enumerate(PAGES[:2])]  # too few to judge
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        dst = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(main, ["clean", str(src), "-o", str(dst), "--url-field", "url", "-j", jobs])
        assert result.exit_code == 0, result.output
        outs.append(dst.read_bytes())
    assert outs[0] == outs[1]
    texts = [json.loads(line)["text"] for line in outs[0].decode().splitlines()]
    assert "Most read" not in texts[0] and STORIES[0][0] in texts[0]
    assert texts[6] == Pipeline().clean(PAGES[0])  # other.org: two documents, no evidence


def test_explain_with_the_batch_as_evidence(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    file = src / "example-times" / "2.txt"
    result = CliRunner().invoke(main, ["explain", str(file), "--corpus", str(src), "--passes", "decode,template,tidy"])
    assert result.exit_code == 0
    assert "template.repeated" in result.output
    assert "(in 6 of 6 documents of " in result.output and "example-times)" in result.output


@pytest.mark.slow
def test_dask_gives_the_same_output(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    src = _folder(tmp_path)
    runner = CliRunner()
    local = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "local"), "-j", "1"])
    dask = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "dask"), "--engine", "dask", "-j", "2"])
    assert local.exit_code == dask.exit_code == 0, dask.output
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "dask")


def test_a_dated_archive_list_is_template_but_the_dateline_stays() -> None:
    months = "December November October September August July June May April March February January".split()
    archive = "Archives\n" + "".join(f"{month} 2023\n" for month in months)
    texts = [p.replace("Most read\n", archive + "Most read\n") for p in PAGES]  # right after the article
    out = cleaned_with_evidence(texts, passes=["decode", "template", "tidy"])
    for i, text in enumerate(out):
        assert f"March {i + 3}, 2024" in text  # the article's dateline
        assert "February 2023" not in text and "January 2023" not in text  # far from the article: no dateline
