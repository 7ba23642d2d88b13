"""How the HTML review page copes with many files: its size, and load and navigation times in headless Chromium.

Samples are the first N scraped pages of /work/shared/benchdata/scraped-pages (raw/),
each compared with its hand-made main text (truth/) as the golden file, so every
file differs: the largest page for N files. Needs chromium on PATH.

    PYTHONPATH=. python bench/bench_review_html.py               # 1000 files
    PYTHONPATH=. python bench/bench_review_html.py --files 200 --screenshot /tmp/review.png
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Browser, find  # noqa: E402

from cleaner import Pipeline  # noqa: E402
from cleaner.review.diff import review  # noqa: E402
from cleaner.review.html import review_page  # noqa: E402

DATA = Path("/work/shared/benchdata/scraped-pages")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--screenshot", type=Path, default=Path(tempfile.gettempdir()) / "review-page.png")
    parser.add_argument("--cache", type=Path, help="Keep the cleaned review in this file, and reuse it if it exists.")
    args = parser.parse_args()
    chromium = find()
    if chromium is None:
        sys.exit("no chromium on PATH")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for folder in ("samples", "golden"):
            (work / folder).mkdir()
        for raw in sorted((DATA / "raw").glob("*.txt"))[: args.files]:
            (work / "samples" / raw.name).symlink_to(raw)
            (work / "golden" / raw.name).symlink_to(DATA / "truth" / raw.name)
        pipeline = Pipeline()
        t0 = time.perf_counter()
        if args.cache and args.cache.exists():
            rv = pickle.loads(args.cache.read_bytes())
        else:
            rv = review(pipeline, work / "samples", work / "golden")
            if args.cache:
                args.cache.write_bytes(pickle.dumps(rv))
        t1 = time.perf_counter()
        page = review_page(rv, pipeline)
        t2 = time.perf_counter()
        path = work / "report.html"
        path.write_text(page, encoding="utf-8")
        inputs = sum(len(f.doc.meta["original"].encode()) for f in rv.files if f.doc)
        print(f"{len(rv.files)} files, {inputs / 1e6:.1f} MB of samples, {rv.summary()}")
        print(f"cleaning and comparing: {t1 - t0:.1f} s; building the page: {t2 - t1:.1f} s")
        print(f"page: {path.stat().st_size / 1e6:.1f} MB")

        browser = Browser(chromium, work / "profile")
        try:
            load = browser.open(path.as_uri())
            ready = browser.js("document.body.dataset.ready")
            nav = browser.js("performance.getEntriesByType('navigation')[0].toJSON()")
            print(
                f"load event after {load:.2f} s (DOMContentLoaded at {nav['domContentLoadedEventEnd'] / 1000:.2f} s, "
                f"load at {nav['loadEventEnd'] / 1000:.2f} s); ready={ready}"
            )
            step = browser.js(
                "(() => { const t = performance.now(); for (let i = 0; i < 20; i++) {"
                "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j'}));"
                "document.getElementById('detail').getBoundingClientRect(); }"  # lay the page out each time
                "return (performance.now() - t) / 20; })()"
            )
            print(f"next file (j): {step:.1f} ms each, over 20 files")
            pick = browser.js(
                "(() => { const t = performance.now(); const s = document.getElementById('f-pass'); "
                "s.value = 'boilerplate'; s.dispatchEvent(new Event('change')); return performance.now() - t; })()"
            )
            shown = browser.js("document.getElementById('shown').textContent")
            print(f"filter by pass: {pick:.0f} ms, {shown}")
            eager = browser.js(
                "(() => { const t = performance.now(); for (const s of document.querySelectorAll('script[id^=d]')) "
                "JSON.parse(s.textContent); return performance.now() - t; })()"
            )
            print(f"parsing every file's lines at once (what the lazy page avoids): {eager:.0f} ms")
            heap = browser.call("Runtime.getHeapUsage", session=True)
            print(f"JS heap used: {heap['usedSize'] / 1e6:.0f} MB; console errors: {browser.errors or 'none'}")
            browser.screenshot(args.screenshot)
            print(f"screenshot: {args.screenshot}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
