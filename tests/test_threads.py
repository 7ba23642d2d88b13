"""Comment threads are found by their structure and removed whole; look-alikes in the article stay."""

from __future__ import annotations

import pytest

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


def test_a_long_thread_goes_even_when_more_long_comments_follow_it() -> None:
    """Many signed comments with Reply links are comments, whatever prose comes after them."""
    unit = "{name} — July 17th, 2012, 6:18 pm\nThanks for writing this, it made my day.\nReply\n"
    names = ("Chef Mark", "Raechel", "J.J.", "Fancy", "Ann", "Bo")
    long_comment = " ".join(PARAGRAPHS) + "\n"
    thread = "".join(unit.format(name=n) for n in names) + long_comment * 8
    got = clean(ARTICLE + "\n" + thread)
    assert got.text.startswith(ARTICLE)
    assert "Chef Mark" not in got.text and "Reply" not in got.text


def test_a_header_whose_first_comments_are_long_still_starts_the_thread() -> None:
    """Signatures under their comments, the comments long: the header and the first comment go too."""
    long_comment = "\n".join(p.replace("officials", "neighbours") for p in PARAGRAPHS * 2) + "\n"
    thread = (
        "Comments\n"
        + long_comment
        + "Posted by: Harriet | March 4, 2013 at 05:23 PM\n"
        + long_comment
        + "Posted by: G. Amsel | March 4, 2013 at 06:10 PM\n"
        + long_comment
        + "Posted by: Harriet | March 5, 2013 at 09:02 AM\n"
    )
    got = clean(ARTICLE + "\n" + thread)
    assert got.text == ARTICLE


def test_an_interview_with_speakers_on_their_own_lines_stays() -> None:
    interview = (
        "Maria Lopez\nWe asked for these routes for ten years, and the council finally listened to us.\n"
        "Interviewer\nWhat changes first for the people who live in the northern suburbs?\n"
        "Maria Lopez\nThe morning commute. Today it takes most of my neighbours more than an hour.\n"
    )
    got = clean(ARTICLE + "\n" + interview)
    assert not thread_notes(got)
    assert "The morning commute." in got.text and "What changes first" in got.text


def test_a_comment_count_beside_the_title_does_not_make_the_article_a_thread() -> None:
    top = "Council expands bus network\nby Jo Avery · 12 comments\n12 comments\nShare\n"
    body = "".join(f"{name}\n{p}\n" for name, p in zip(("Routes", "Costs", "Timing"), PARAGRAPHS, strict=True))
    got = clean(top + body)
    assert not thread_notes(got)
    for paragraph in PARAGRAPHS:
        assert paragraph in got.text


def test_a_section_of_named_reactions_inside_the_article_stays() -> None:
    reactions = (
        "Three reactions from the riders\nMaria Lopez\nThe plan is long overdue for the north of the city.\n"
        "Tom Baker\nI worry that the new routes will take buses away from the centre.\n"
        "Ann Wu\nIt depends on whether the fares stay where they are now.\n"
    )
    more = "\n".join(p.replace("council", "transport board") for p in PARAGRAPHS * 2) + "\n"
    got = clean(ARTICLE + reactions + more)
    assert not thread_notes(got)
    assert "Tom Baker" in got.text and "It depends on whether" in got.text


def test_headlines_with_bylines_and_dates_under_recommended_leave_the_article_after_them() -> None:
    recommended = (
        "Recommended\nRemembering the city's oldest tram\nMark Byrne\nJul 17, 2014\n"
        "The last days of the ferry line\nTanvi Mehra\nMar 9, 2018\nHow a timetable is made\nLinda Poon\nAug 23, 2017\n"
    )
    more = [p.replace("council", "transport board") for p in PARAGRAPHS]
    got = clean(PARAGRAPHS[0] + "\n" + recommended + "\n".join(more) + "\n")
    for paragraph in [PARAGRAPHS[0], *more]:
        assert paragraph in got.text


def test_a_long_comment_inside_a_long_thread_does_not_end_it() -> None:
    unit = "Posted by: {name} at March 4, 2013 {t} PM\nI agree with the plan.\n"
    first = "".join(unit.format(name=n, t=f"{i + 1}:15") for i, n in enumerate(("Ann", "Bo", "Cy", "Di", "Ed")))
    long_comment = "\n".join(p.replace("officials", "neighbours") for p in PARAGRAPHS * 8) + "\n"
    later = "".join(unit.format(name=n, t=f"{i + 6}:15") for i, n in enumerate(("Fay", "Gus", "Hal")))
    got = clean(ARTICLE + "\nComments\n" + first + long_comment + later)
    assert got.text == ARTICLE


def test_a_bulleted_list_in_the_article_is_not_a_thread() -> None:
    items = "* Reply cards go out to every household in March\n* Quote the route number when you call\n"
    got = clean(ARTICLE + items + PARAGRAPHS[0].replace("council", "board") + "\n")
    assert not thread_notes(got)
    assert "* Reply cards go out" in got.text and "* Quote the route number" in got.text


def test_a_line_up_between_the_article_and_its_comments_stays() -> None:
    line_up = "Harbour Town\n1. Alvarez GK\n2. Brandt RB\n3. Costa CB\nEastfield\n1. Dunne GK\n2. Eze LB\n"
    unit = "by {name} on Aug 9, 2012 {t} PM EDT reply\n{text}\n"
    comments = [
        ("gull_fan", "Come on lads, three points today please."),
        ("Ed B", "Brandt starting again? Brave call."),
        ("tern", "Rain forecast for the second half."),
        ("gull_fan", "Alvarez looked sharp in the warm-up."),
        ("Mo", "Anyone know if it's on the radio?"),
    ]
    thread = "Comments\n" + "".join(unit.format(name=n, t=f"1:{i}5", text=x) for i, (n, x) in enumerate(comments))
    got = clean(ARTICLE + line_up + thread)
    assert got.text.startswith(ARTICLE)
    assert line_up in got.text
    assert "gull_fan" not in got.text and "Rain forecast" not in got.text


def test_subheads_under_a_comment_count_far_above_them_are_the_articles() -> None:
    top = (
        "Harbour Media reviews every new bus, tram and ferry sold in the country, with prices, running costs and "
        "the verdicts of the people who ride them every day, so that councils and readers can compare them.\n"
        "108 comments posted\n"
    )
    body = "".join(f"{head}\n{p}\n" for head, p in zip(("Routes", "Costs", "Timing"), PARAGRAPHS, strict=True))
    got = clean(top + body + "Share this\n")
    assert not thread_notes(got)
    for paragraph in PARAGRAPHS:
        assert paragraph in got.text


# Threads after the article that go whole: (what they show, the thread, a word of the note or None).
THREADS_THAT_GO = [
    (
        "a-blog-thread-of-signed-comments-with-reply-links-goes-whole",
        "Matt Evans July 17, 2012 at 12:48 am\nThis is a really great resource, especially for small agencies.\n"
        "Reply\nMiguel Salcido July 17, 2012 at 9:26 am\nHi Matt, I'm glad you found the post useful!\nReply\n"
        "Ricardo Figueiredo July 17, 2012 at 9:59 am\nVery cool to see what the most prominent voices say.\n"
        "In my experience it is all about building relationships with real bloggers and editors.\nReply\n",
        "3 comments",
    ),
    (
        "says-signatures-under-a-responses-header-go-with-the-header",
        "3 Responses to “Council expands bus network”\n1. C. Wingate says:\nAugust 9, 2012, at 1:23 pm\n"
        "Ouch. This is one case where knowing too much had me glide right over the problem.\n"
        "2. JoeMerl says:\nAugust 9, 2012, at 1:37 pm\nA slight difference in phrasing would have helped.\n"
        "3. Ann Rodgers says:\nAugust 9, 2012, at 3:15 pm\nI don't think that would solve the problem.\n",
        None,
    ),
    (
        "name-above-each-signature-goes-with-the-thread",
        "16 Comments\nJanet\nPosted 10/18/2012 at 2:57 pm | Permalink\nThanks for sharing this on the blog.\n"
        "Marnie\nPosted 10/18/2012 at 4:45 pm | Permalink\nI love seeing the covers from other countries.\n"
        "Tara in the Fort\nPosted 10/18/2012 at 10:39 pm | Permalink\nThe cover photo is kind of cool.\n",
        None,
    ),
    (
        "numbered-name-and-date-signatures-under-a-header-go",
        "Comments»\n1. William Kirk - August 8, 2012\nShatner rules!\n2. MJ - August 8, 2012\n"
        "Congrats for throwing a legit strike.\n3. Red Dead Ryan - August 8, 2012\nYeah, he has a good arm.\n",
        None,
    ),
    (
        "names-alone-under-a-header-that-counts-the-comments-go",
        "{ 4 comments }\nPriya Raman\nI take the number 12 bus every morning and it is always full by the second stop.\n"
        "Tom\nWill the new routes run on Sundays too? Nobody has said so far.\n"
        "bus_fan_88\nGreat news, but I will believe it when I see the buses on the road.\n"
        "Priya Raman\nTom, the timetable on the council site says they will, at least in summer.\n",
        "names alone on a line",
    ),
    (
        "a-date-alone-above-each-commenter-goes-under-a-responses-header",
        "3 Responses to “Council expands bus network”\nMarch 4, 2013\nDaniel Okafor\n"
        "Finally, the northern suburbs have waited long enough for this.\nMarch 4, 2013\nLena\n"
        "What about the night buses? The plan says nothing about them.\nMarch 5, 2013\nR. Whitfield\n"
        "I hope the fares really stay the same, as the mayor promised.\n",
        None,
    ),
    (
        "said-signatures-with-their-dates-go",
        "March 4th, 2013 at 8:38 am\nkestrel said,\nWhich routes will reach the hospital? My mother goes there weekly.\n"
        "March 4th, 2013 at 8:41 am\nDan W said,\nAgree with the plan, though the roads need work too.\n"
        "March 4th, 2013 at 9:02 am\nkestrel said,\nThanks Dan, I found the map on the council site.\n",
        None,
    ),
    (
        "said-signatures-under-a-users-responded-header-go",
        "3 users responded in “Council expands bus network”\nkestrel said,\nWhich routes reach the hospital?\n"
        "Dan W said,\nAgree with the plan, though the roads need work too.\nkestrel said,\nThanks Dan, found the map.\n",
        None,
    ),
    (
        "widget-lines-with-a-converters-list-bullet-still-mark-the-thread",
        "Mon, 03/04/2013 - 14:32 | kestrel\nWhich routes will reach the hospital?\n* Login or register to post comments\n"
        "Mon, 03/04/2013 - 14:41 | Dan W\nAgree with the plan, though the roads need work too.\n"
        "* Login or register to post comments\nMon, 03/04/2013 - 14:45 | kestrel\nThanks Dan, found the map.\n"
        "* Login or register to post comments\n",
        None,
    ),
]


@pytest.mark.parametrize(("thread", "note"), [c[1:] for c in THREADS_THAT_GO], ids=[c[0] for c in THREADS_THAT_GO])
def test_a_comment_thread_after_the_article_goes_whole(thread: str, note: str | None) -> None:
    got = clean(ARTICLE + "\n" + thread)
    assert got.text == ARTICLE
    if note is not None:
        assert thread_notes(got) and note in thread_notes(got)[0]
