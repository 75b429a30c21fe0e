"""How long `import-comments` takes for a big history (target: 100,000 comments in under
5 minutes on this machine), and how flat its memory stays.

Generates a WordPress WXR file and a Disqus export with the same comments (2,000 articles,
a third of the comments replies, some replies before their parents; 85 % approved, 5 %
pending, 10 % spam or trash), then, in one run and a throwaway SQLite database:
  1. reads each file with its reader alone (the floor: XML parsing),
  2. imports it for real (articles, comments, decisions, thread links, pending assessed),
  3. imports it again (everything skipped: the idempotency check),
and prints seconds, comments per second, the import/parse ratio and the peak memory.

    .venv/bin/python bench/import_speed.py [--comments 100000] [--format wordpress|disqus|both]

--comments is capped at 1,000,000 so that a typo cannot fill the disk.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

TARGET_SECONDS = 300
MAX_COMMENTS = 1_000_000
REPO = Path(__file__).resolve().parents[1]
WORDS = (
    "Radweg Stadtrat Parkplatz Innenstadt Bus Linie Schule Markt Freibad Bürgermeister "
    "Haushalt Baustelle Ampel Kreuzung Verkehr Sommer Winter endlich leider wirklich "
    "gut schlecht teuer günstig sinnvoll überfällig Entscheidung Anwohner"
).split()


def setup_django(data_dir):
    os.environ["FREIGABE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freigabe.settings")
    os.environ["FREIGABE_ASSESSOR_PRELOAD"] = "0"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def history(n, seed=20261201):
    """(id, article, parent id, text, status, timestamp) of n generated comments."""
    rng = random.Random(seed)
    start = 1_600_000_000
    per_article = {}
    rows = []
    for number in range(1, n + 1):
        article = rng.randrange(2000)
        earlier = per_article.setdefault(article, [])
        parent = rng.choice(earlier) if earlier and rng.random() < 0.33 else 0
        roll = rng.random()
        status = "1" if roll < 0.85 else "0" if roll < 0.90 else "spam" if roll < 0.95 else "trash"
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
        rows.append((number, article, parent, text.capitalize() + ".", status, start + number * 37))
        earlier.append(number)
    # Exports are not always in thread order: swap some replies before their parents.
    for index in range(1, len(rows), 97):
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
    return rows


def write_wxr(path, rows):
    by_article = {}
    for row in rows:
        by_article.setdefault(row[1], []).append(row)
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Bench</title>\n'
        )
        for article, comments in sorted(by_article.items()):
            out.write(
                f"<item><title>Artikel {article}</title>"
                f"<link>https://www.bench.example/artikel/{article}/</link>"
                f"<wp:post_id>{article}</wp:post_id>\n"
            )
            for number, _, parent, text, status, stamp in comments:
                date = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(stamp))
                out.write(
                    f"<wp:comment><wp:comment_id>{number}</wp:comment_id>"
                    f"<wp:comment_author>Leser {number % 5000}</wp:comment_author>"
                    f"<wp:comment_author_email>leser{number % 5000}@bench.example"
                    f"</wp:comment_author_email><wp:comment_date_gmt>{date}"
                    f"</wp:comment_date_gmt><wp:comment_content><![CDATA[{text}]]>"
                    f"</wp:comment_content><wp:comment_approved>{status}"
                    f"</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
                )
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def write_disqus(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals">\n'
        )
        for article in sorted({row[1] for row in rows}):
            out.write(
                f'<thread dsq:id="t{article}"><link>https://www.bench.example/artikel/'
                f"{article}/</link><title>Artikel {article}</title></thread>\n"
            )
        for number, article, parent, text, status, stamp in rows:
            date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
            parent_tag = f'<parent dsq:id="p{parent}"/>' if parent else ""
            out.write(
                f'<post dsq:id="p{number}"><message>&lt;p&gt;{escape(text)}&lt;/p&gt;'
                f"</message><createdAt>{date}</createdAt>"
                f"<isDeleted>{'true' if status == 'trash' else 'false'}</isDeleted>"
                f"<isSpam>{'true' if status == 'spam' else 'false'}</isSpam>"
                f"<isApproved>{'false' if status == '0' else 'true'}</isApproved>"
                f"<author><name>Leser {number % 5000}</name></author>"
                f'<thread dsq:id="t{article}"/>{parent_tag}</post>\n'
            )
        out.write("</disqus>\n")


def timed(function):
    """(wall seconds, result); the CPU seconds of the call are kept in CPU_SECONDS, since on
    a shared machine the wall clock also counts other processes' turns."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function()
    CPU_SECONDS.append(time.process_time() - cpu_started)
    return time.perf_counter() - started, result


CPU_SECONDS = []


def measure(fmt, path, site, n):
    from freigabe.integrations.importers import READERS
    from freigabe.integrations.importing import import_comments

    def quiet(message):
        print(f"  {message}", file=sys.stderr, flush=True)

    parse_seconds, read = timed(lambda: sum(1 for _ in READERS[fmt](path)))
    import_seconds, report = timed(
        lambda: import_comments(site, READERS[fmt](path), source=fmt, progress=quiet)
    )
    again_seconds, again = timed(
        lambda: import_comments(site, READERS[fmt](path), source=fmt, progress=quiet)
    )
    assert again.comments_imported == 0, "the second run imported something"
    parse_cpu, import_cpu, again_cpu = CPU_SECONDS[-3:]
    size_mb = path.stat().st_size / 1e6
    print(
        f"{fmt}: {n} comments, file {size_mb:.1f} MB, {read} items; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"  parse only      {parse_seconds:7.1f} s  (CPU {parse_cpu:.1f} s)")
    print(
        f"  import          {import_seconds:7.1f} s  ({report.comments_imported / import_seconds:,.0f}"
        f" comments/s, CPU {import_cpu:.1f} s, {import_seconds / parse_seconds:.1f}x parsing;"
        f" by status "
        f"{dict(report.by_status)}; {len(report.problems)} problems)"
    )
    print(
        f"  import again    {again_seconds:7.1f} s  (CPU {again_cpu:.1f} s, "
        f"{again.comments_skipped} skipped, "
        f"{again_seconds / parse_seconds:.1f}x parsing)"
    )
    verdict = "within" if import_seconds < TARGET_SECONDS * n / 100_000 else "OVER"
    print(f"  {verdict} the target of {TARGET_SECONDS} s per 100,000 comments")
    return import_seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--format", choices=("wordpress", "disqus", "both"), default="both")
    args = parser.parse_args()
    n = max(1, min(args.comments, MAX_COMMENTS))
    with tempfile.TemporaryDirectory(prefix="freigabe-import-bench-") as directory:
        directory = Path(directory)
        setup_django(directory)
        from freigabe.articles.services import create_site

        rows = history(n)
        formats = ("wordpress", "disqus") if args.format == "both" else (args.format,)
        for fmt in formats:
            path = directory / f"history.{fmt}.xml"
            (write_wxr if fmt == "wordpress" else write_disqus)(path, rows)
            site, _ = create_site(f"bench-{fmt}")
            measure(fmt, path, site, n)
            path.unlink()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of the whole run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
