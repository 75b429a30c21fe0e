"""A 3,000-comment thread on an emulated phone: the paged widget against the widget before it.

    .venv/bin/python bench/thread_page_speed.py [--peer-rev 2910156] [--runs 3] [--clicks 5]

Two servers hold the same thread (2,700 top-level comments, 300 replies, about 400
characters each): the working tree, and the tree of --peer-rev (the code before the thread
was paged: the widget then downloaded the whole thread and paged on the client), unpacked
with `git archive` into a temporary directory and served from there with the same
virtualenv. The peer's publisher page embeds its widget with a plain script tag; ours is
opened twice, with the plain script tag and with docs/widget.md's snippet that also
preloads the stylesheet and the first page of the thread. Debian's chromium opens
them in turn, each run in a fresh browser context (empty cache), with Chrome DevTools'
"Slow 4G" network (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up) and 4x CPU slowdown,
at a 375 px wide viewport, and measures:

- thread bytes: what the thread requests of the first view cost on the wire (encoded);
- comments visible: from the navigation's start to the first comment on screen;
- "Mehr laden": from the click to the frame after the new threads are in the DOM, for
  each of --clicks clicks (the reader has scrolled to the button and read for 3 s first),
  and once more with --deep-threads threads shown (those loaded without the slowdowns);
- deep link: on the open page, the hash set to the oldest comment, until it is highlighted
  and the frame after it is drawn; and cold, opening the page with that hash.

Medians over --runs; the last columns are the peer's figure divided by ours.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import machine

from tests.browser.embed_snippets import documented_fast_snippet
from tests.processes import Environment, Server

CHROMIUM = "/usr/bin/chromium"
SITE = "bench"
ARTICLE = "grosse-debatte"
THREADS = 2700
REPLIES = 300
# DevTools' "Slow 4G" preset, as Chrome defines it.
SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1.6e6 / 8 * 0.9,
    "uploadThroughput": 750e3 / 8 * 0.9,
    "connectionType": "cellular4g",
}
CPU_SLOWDOWN = 4
# Time between scrolling to "Mehr laden" and clicking it. Reading 20 threads takes minutes;
# 3 s is enough for a prefetched page to arrive on slow 4G even on a loaded machine.
READING_MS = 3000
VIEWPORT = {"width": 375, "height": 740}

SEED_THREAD = r"""
import json, random
from datetime import timedelta
from django.utils import timezone
from freigabe.articles.services import create_site, upsert_article
from freigabe.comments.models import Comment
from freigabe.comments.cache import bump_thread_version

random.seed(16)
parts = [
    "Ich wohne seit Jahren an der Lindenallee und sehe den Umbau mit gemischten Gefühlen.",
    "Die Parkplätze fallen weg, aber wer mit dem Rad fährt, ist schneller in der Stadt.",
    "Warum hat der Stadtrat die Anwohner nicht früher gefragt?",
    "In Kopenhagen hat das auch funktioniert, man muss es nur konsequent machen.",
    "Für Lieferverkehr und Handwerker braucht es trotzdem Ladezonen.",
    "Die Kosten stehen im Artikel, aber was kostet der Unterhalt in zehn Jahren?",
    "Meine Kinder fahren jeden Tag dort zur Schule, endlich wird es sicherer.",
    "Der Einzelhandel in der Innenstadt lebt von Kunden, die mit dem Auto kommen.",
    "Busse sollten Vorrang bekommen, nicht nur die Radfahrer.",
    "Ich hoffe, die Bäume bleiben stehen; die Allee ist das Schönste an der Straße.",
    "Vielleicht hilft ein Versuch für ein Jahr, danach kann man neu entscheiden.",
    "Die Ampelschaltung an der Kreuzung ist schon heute ein Problem.",
    "Wer soll das Parkhaus am Markt bezahlen, das als Ersatz geplant ist?",
    "Gute Entscheidung, auch wenn sie einigen wehtut.",
    "Mit Lastenrädern lässt sich der Wocheneinkauf gut erledigen.",
    "Ältere Menschen, die nicht Rad fahren können, werden hier vergessen.",
]
site, _ = create_site("bench", name="Bench", origins=[ORIGIN])
article, _ = upsert_article(site, "grosse-debatte", title="Die große Radweg-Debatte",
                            body="Der Stadtrat hat neue Radwege beschlossen.", url=ORIGIN + "/")
# Words in random order, not whole sentences: repeated sentences would let gzip shrink the
# thread far more than real comments allow.
words = " ".join(parts).split()
def text(n):
    chosen = random.choices(words, k=random.randint(40, 75))
    return " ".join(chosen).capitalize() + f". ({n})"
start = timezone.now() - timedelta(days=3)
now = timezone.now()
roots = Comment.objects.bulk_create([
    Comment(article=article, body=text(n), author_name=f"Leserin {n}", status="released",
            author_token_hash="0" * 64, decided_at=now) for n in range(THREADS)])
replies = Comment.objects.bulk_create([
    Comment(article=article, parent=roots[n * (THREADS // REPLIES)], body=text(THREADS + n),
            author_name=f"Leser {n}", status="released", author_token_hash="0" * 64,
            decided_at=now) for n in range(REPLIES)])
for n, comment in enumerate(roots):
    comment.created_at = start + timedelta(seconds=60 * n)
for n, comment in enumerate(replies):
    comment.created_at = comment.parent.created_at + timedelta(seconds=30)
Comment.objects.bulk_update(roots + replies, ["created_at"], batch_size=500)
bump_thread_version(article.pk)
print(json.dumps({"oldest": roots[0].pk, "count": Comment.objects.filter(article=article).count()}))
"""

THREAD_ARRIVED = """() => Math.min(...performance.getEntriesByType("resource")
  .filter((entry) => entry.name.includes("/comments")).map((entry) => entry.responseEnd))"""

FIRST_VISIBLE = """() => {
  const host = document.querySelector("freigabe-comments");
  const item = host && host.shadowRoot
    && host.shadowRoot.querySelector("section.fg:not([hidden]) .fg-thread > .fg-item");
  return item && item.getClientRects().length ? performance.now() : null;
}"""

# Resolves in the frame after `done()` first holds: the work and the frame it needs.
AFTER_FRAME = """
  const afterFrame = (done) => new Promise((resolve) => {
    const check = () => (done() ? requestAnimationFrame(() => setTimeout(resolve, 0))
      : requestAnimationFrame(check));
    check();
  });"""

CLICK_MORE = (
    """async () => {"""
    + AFTER_FRAME
    + """
  const root = document.querySelector("freigabe-comments").shadowRoot;
  const list = root.querySelector(".fg-thread");
  const button = root.querySelector(".fg-more:not([hidden])");
  if (!button) return null;
  const before = list.children.length;
  const started = performance.now();
  button.click();
  await afterFrame(() => list.children.length > before);
  return performance.now() - started;
}"""
)

FOLLOW_LINK = (
    """async (id) => {"""
    + AFTER_FRAME
    + """
  const root = document.querySelector("freigabe-comments").shadowRoot;
  const started = performance.now();
  location.hash = `#freigabe-comment-${id}`;
  await afterFrame(() => {
    const item = root.querySelector(`[data-comment-id="${id}"]`);
    return item && item.classList.contains("fg-highlight");
  });
  return performance.now() - started;
}"""
)

LINKED_VISIBLE = """(id) => {
  const host = document.querySelector("freigabe-comments");
  const item = host && host.shadowRoot
    && host.shadowRoot.querySelector(`.fg-highlight[data-comment-id="${id}"]`);
  return item && item.getClientRects().length ? performance.now() : null;
}"""


def page_html(widget_server, fast=False):
    """The publisher's page: the plain script tag, or (fast) docs/widget.md's preload snippet."""
    snippet = (
        documented_fast_snippet(widget_server, SITE, ARTICLE)
        if fast
        else f"""<script src="{widget_server}/widget/embed.js" data-site="{SITE}"
 data-article="{ARTICLE}" async></script>"""
    )
    return f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Die große Radweg-Debatte</title></head><body>
<article><h1>Die große Radweg-Debatte</h1><p>Der Stadtrat hat neue Radwege beschlossen.</p>
</article>
{snippet}</body></html>"""


class PublisherPages:
    """The article page, once per widget, on an origin of its own."""

    def __init__(self):
        self.pages = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = pages.get(self.path.split("#")[0], "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def peer_tree(rev, into):
    """The whole tree of `rev`, unpacked without touching the repository's work tree."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def start_server(name, data_dir, origin, code_dir=None):
    print(f"  {name}: migrating and seeding {THREADS + REPLIES} comments ...", flush=True)
    settings = {"FREIGABE_ASSESSOR_PRELOAD": "0", "FREIGABE_OUTCOME_MAIL_TIMER": "0"}
    if code_dir:
        settings["PYTHONPATH"] = str(code_dir)
    environment = Environment(data_dir, **settings)
    environment.run("migrate", "--verbosity", "0", timeout=300)
    script = f"ORIGIN = {origin!r}\nTHREADS = {THREADS}\nREPLIES = {REPLIES}\n" + SEED_THREAD
    seeded = json.loads(environment.run("shell", "-c", script, timeout=600).stdout.strip().splitlines()[-1])
    server = Server(environment, workers=2)
    print(f"  {name}: serving on {server.url} ({seeded['count']} comments)", flush=True)
    return environment, server, seeded


def throttle(cdp, on):
    cdp.send(
        "Network.emulateNetworkConditions",
        SLOW_4G if on else {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN if on else 1})


SHOWN = """() => document.querySelector("freigabe-comments").shadowRoot
  .querySelector(".fg-thread").children.length"""


def show_more_unmeasured(page, attempts=5):
    before = page.evaluate(SHOWN)
    for _ in range(attempts):
        page.evaluate("""() => document.querySelector("freigabe-comments").shadowRoot
            .querySelector(".fg-more:not([hidden])").click()""")
        try:
            page.wait_for_function(f"() => ({SHOWN})() > {before}", timeout=15_000)
            return
        except Exception:  # noqa: BLE001 - a lost request: the reader clicks again
            message = page.evaluate("""() => document.querySelector("freigabe-comments")
                .shadowRoot.querySelector(".fg-live").textContent""")
            print(f"    no new threads after a click at {before} shown ({message!r}); again")
    raise RuntimeError(f"'Mehr laden' added nothing at {before} threads shown")


def click_more(page):
    page.evaluate("""() => document.querySelector("freigabe-comments").shadowRoot
        .querySelector(".fg-more:not([hidden])").scrollIntoView({block: "end"})""")
    page.wait_for_timeout(READING_MS)  # the next page may arrive meanwhile
    return page.evaluate(CLICK_MORE)


def measure(browser, url, oldest, clicks, deep_threads):
    context = browser.new_context(
        viewport=VIEWPORT, locale="de-DE", is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    throttle(cdp, True)
    thread_requests = {}
    wire = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda event: (
            thread_requests.__setitem__(event["requestId"], event["request"]["url"])
            if "/comments" in event["request"]["url"] and event["request"]["method"] == "GET"
            else None
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: wire.__setitem__(event["requestId"], event["encodedDataLength"]),
    )
    try:
        page.goto(url, wait_until="commit")
        visible_ms = page.wait_for_function(FIRST_VISIBLE, polling="raf", timeout=120_000).json_value()
        arrived_ms = page.evaluate(THREAD_ARRIVED)
        page.wait_for_timeout(500)
        first_bytes = sum(wire.get(request_id, 0) for request_id in thread_requests)
        more = [elapsed for elapsed in (click_more(page) for _ in range(clicks)) if elapsed is not None]
        throttle(cdp, False)  # the reader has read on for a while
        while page.evaluate(SHOWN) < deep_threads:
            show_more_unmeasured(page)
        throttle(cdp, True)
        deep_more = click_more(page)
        link_ms = page.evaluate(FOLLOW_LINK, oldest)
    finally:
        context.close()
    return {
        "bytes": first_bytes,
        "arrived": arrived_ms,
        "visible": visible_ms,
        "more": more,
        "deep_more": deep_more,
        "link": link_ms,
    }


def measure_cold_link(browser, url, oldest):
    context = browser.new_context(
        viewport=VIEWPORT, locale="de-DE", is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    throttle(cdp, True)
    try:
        page.goto(f"{url}#freigabe-comment-{oldest}", wait_until="commit")
        return page.wait_for_function(LINKED_VISIBLE, arg=oldest, polling="raf", timeout=120_000).json_value()
    finally:
        context.close()


def summary(runs):
    clicks = [elapsed for run in runs for elapsed in run["more"]]
    return {
        "thread bytes on the wire (first view)": statistics.median(r["bytes"] for r in runs),
        "first thread answer in, ms after navigation": statistics.median(r["arrived"] for r in runs),
        "comments visible, ms after navigation": statistics.median(r["visible"] for r in runs),
        '"Mehr laden", median ms': statistics.median(clicks) if clicks else None,
        '"Mehr laden", slowest ms': max(clicks) if clicks else None,
        '"Mehr laden" with DEEP threads shown, ms': statistics.median(r["deep_more"] for r in runs),
        "deep link on the open page, ms": statistics.median(r["link"] for r in runs),
        "deep link opened cold, ms after navigation": statistics.median(r["cold"] for r in runs),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--peer-rev", default="2910156", help="the commit whose widget and thread API are the peer"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clicks", type=int, default=5)
    parser.add_argument("--deep-threads", type=int, default=1000)
    arguments = parser.parse_args()
    print(machine.describe())
    print(
        f"chromium: {subprocess.run([CHROMIUM, '--version'], check=False, capture_output=True, text=True).stdout.strip()}"
    )
    from playwright.sync_api import sync_playwright

    pages = PublisherPages()
    with tempfile.TemporaryDirectory(prefix="thread-speed-") as tmp:
        tmp = Path(tmp)
        # gunicorn runs as `python -m`, which imports from the working directory first.
        os.chdir(tmp)
        code = peer_tree(arguments.peer_rev, (tmp / "peer-code"))
        (tmp / "peer").mkdir()
        (tmp / "ours").mkdir()
        servers = []
        try:
            servers.append(
                (
                    "peer",
                    *start_server(f"peer ({arguments.peer_rev})", tmp / "peer", pages.origin, code_dir=code),
                )
            )
            servers.append(("ours", *start_server("working tree", tmp / "ours", pages.origin)))
            results = {}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    headless=True,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                # The peer's page has the snippet of its time; ours is measured with the
                # plain script tag and with the documented preload lines.
                pages_to_measure = []
                for name, _environment, server, seeded in servers:
                    variants = [(name, False)] + ([("ours-preload", True)] if name == "ours" else [])
                    for page_name, fast in variants:
                        pages.pages[f"/{page_name}"] = page_html(server.url, fast)
                        results[page_name] = []
                        pages_to_measure.append((page_name, seeded))
                for run in range(1, arguments.runs + 1):
                    for name, seeded in pages_to_measure:  # taking turns
                        url = f"{pages.origin}/{name}"
                        figures = measure(
                            browser, url, seeded["oldest"], arguments.clicks, arguments.deep_threads
                        )
                        figures["cold"] = measure_cold_link(browser, url, seeded["oldest"])
                        results[name].append(figures)
                        print(f"  run {run}, {name}: {json.dumps(figures)}", flush=True)
                browser.close()
        finally:
            for _name, environment, server, _seeded in servers:
                server.stop()
                environment.close()
            pages.close()
    peer, ours, preloaded = (summary(results[name]) for name in ("peer", "ours", "ours-preload"))
    print(f"\n{'':46} {'peer':>10} {'ours':>10} {'preload':>10} {'peer/ours':>10} {'peer/prel.':>10}")
    for label in ours:
        a, b, c = peer[label], ours[label], preloaded[label]
        shown = label.replace("DEEP", f"{arguments.deep_threads:,}")
        ratios = "".join(f"{a / x:10.1f} " if a and x else f"{'–':>10} " for x in (b, c))
        print(f"{shown:46} {a:10.0f} {b:10.0f} {c:10.0f} {ratios}")


if __name__ == "__main__":
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    main()
