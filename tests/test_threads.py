"""Comment threads are found by their structure and removed whole; look-alikes in the article stay."""

from __future__ import annotations

from cleaner import Pipeline

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bus network, adding six routes that will serve the "
    "northern suburbs from next spring, officials said after a meeting that lasted late into the night.",
    "Supporters said the plan would cut commuting times for thousands of workers, while critics argued "
    "that the money would be better spent on repairing roads that have been neglected for a decade.",
    "The mayor said the first new buses would arrive in March and that fares would not rise this year, "
    "although she warned that the budget for the following year was still under discussion.",
]
ARTICLE = "\n\n".join(PARAGRAPHS) + "\n"


def clean(text: str):
    return Pipeline().clean_and_explain(text)


def thread_notes(got) -> list[str]:
    return [c.note for c in got.changes if c.rule == "boilerplate.comment-thread"]


def test_a_blog_thread_of_signed_comments_with_reply_links_goes_whole() -> None:
    thread = (
        "Matt Evans July 17, 2012 at 12:48 am\nThis is a really great resource, especially for small agencies.\n"
        "Reply\nMiguel Salcido July 17, 2012 at 9:26 am\nHi Matt, I'm glad you found the post useful!\nReply\n"
        "Ricardo Figueiredo July 17, 2012 at 9:59 am\nVery cool to see what the most prominent voices say.\n"
        "In my experience it is all about building relationships with real bloggers and editors.\nReply\n"
    )
    got = clean(ARTICLE + "\n" + thread)
    assert got.text == ARTICLE
    assert thread_notes(got) and "3 comments" in thread_notes(got)[0]


def test_says_signatures_under_a_responses_header_go_with_the_header() -> None:
    thread = (
        "3 Responses to “Council expands bus network”\n1. C. Wingate says:\nAugust 9, 2012, at 1:23 pm\n"
        "Ouch. This is one case where knowing too much had me glide right over the problem.\n"
        "2. JoeMerl says:\nAugust 9, 2012, at 1:37 pm\nA slight difference in phrasing would have helped.\n"
        "3. Ann Rodgers says:\nAugust 9, 2012, at 3:15 pm\nI don't think that would solve the problem.\n"
    )
    got = clean(ARTICLE + "\n" + thread)
    assert got.text == ARTICLE


def test_name_above_each_signature_goes_with_the_thread() -> None:
    thread = (
        "16 Comments\nJanet\nPosted 10/18/2012 at 2:57 pm | Permalink\nThanks for sharing this on the blog.\n"
        "Marnie\nPosted 10/18/2012 at 4:45 pm | Permalink\nI love seeing the covers from other countries.\n"
        "Tara in the Fort\nPosted 10/18/2012 at 10:39 pm | Permalink\nThe cover photo is kind of cool.\n"
    )
    got = clean(ARTICLE + "\n" + thread)
    assert got.text == ARTICLE


def test_a_live_blogs_timestamped_entries_are_article_text() -> None:
    entries = "".join(
        f"{t}\n{p}\n\n"
        for t, p in zip(("10:32 am, March 3", "11:05 am, March 3", "11:40 am, March 3"), PARAGRAPHS, strict=True)
    )
    text = "Council votes on bus network: live\n\n" + PARAGRAPHS[0] + "\n\n" + entries
    got = clean(text)
    assert not thread_notes(got)
    for stamp in ("10:32 am", "11:05 am", "11:40 am"):
        assert stamp in got.text


def test_a_quoted_exchange_of_wrote_lines_is_article_text() -> None:
    exchange = (
        "Various other people wrote:\nYou didn't try the other player!\nThe author wrote:\n"
        "True, I hadn't. Now I have, and it has an overly complicated interface.\nA reader wrote:\n"
        "Have you considered changing distributions?\n"
    )
    got = clean(ARTICLE + "\n" + exchange)
    assert not thread_notes(got)
    assert "Have you considered changing distributions?" in got.text


def test_the_posts_own_signature_above_the_comments_header_stays() -> None:
    thread = (
        "Comments\nWow, that just sucks. I found your blog recently and it is an amazing read.\n"
        "Posted by: Megan Sullivan | November 13, 2012 at 12:19 PM\nThe tribal watch is lovely!\n"
        "Posted by: Kate | November 13, 2012 at 12:19 PM\nOoo! I love number 6.\n"
        "Posted by: Molly Porter | November 13, 2012 at 12:20 PM\n"
    )
    byline = "Posted by Kathy on April 6, 2007 | Permalink\n"
    got = clean(ARTICLE + "\n" + byline + thread)
    assert byline.strip() in got.text
    assert "Megan Sullivan" not in got.text and "tribal watch" not in got.text


def test_a_thread_above_the_article_never_takes_the_article() -> None:
    recent = (
        "Matt Evans July 17, 2012 at 12:48 am\nGreat resource.\nReply\n"
        "Miguel Salcido July 17, 2012 at 9:26 am\nGlad you found it useful!\nReply\n\n"
    )
    got = clean(recent + ARTICLE)
    for paragraph in PARAGRAPHS:
        assert paragraph in got.text


def test_numbered_name_and_date_signatures_under_a_header_go() -> None:
    thread = (
        "Comments»\n1. William Kirk - August 8, 2012\nShatner rules!\n2. MJ - August 8, 2012\n"
        "Congrats for throwing a legit strike.\n3. Red Dead Ryan - August 8, 2012\nYeah, he has a good arm.\n"
    )
    got = clean(ARTICLE + "\n" + thread)
    assert got.text == ARTICLE


def test_a_long_thread_goes_even_when_more_long_comments_follow_it() -> None:
    """Many signed comments with Reply links are comments, whatever prose comes after them."""
    unit = "{name} — July 17th, 2012, 6:18 pm\nThanks for writing this, it made my day.\nReply\n"
    names = ("Chef Mark", "Raechel", "J.J.", "Fancy", "Ann", "Bo")
    long_comment = " ".join(PARAGRAPHS) + "\n"
    thread = "".join(unit.format(name=n) for n in names) + long_comment * 8
    got = clean(ARTICLE + "\n" + thread)
    assert got.text.startswith(ARTICLE)
    assert "Chef Mark" not in got.text and "Reply" not in got.text
