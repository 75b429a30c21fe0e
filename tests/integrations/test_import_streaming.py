"""The readers stream: they hand over the first comments before the file has been read."""

import os
import threading

import pytest

from freigabe.integrations.importers import READERS
from freigabe.integrations.importers.base import ImportItem, Problem

DISQUS_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
    'xmlns:dsq="http://disqus.com/disqus-internals">\n<thread dsq:id="t"><link>'
    "https://www.zeitung.example/radwege</link><title>T</title></thread>\n"
)


def disqus_post(number):
    return (
        f'<post dsq:id="p{number}"><message>&lt;p&gt;Kommentar {number}&lt;/p&gt;</message>'
        f"<createdAt>2023-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted>"
        f'<isSpam>false</isSpam><author><name>L</name></author><thread dsq:id="t"/></post>\n'
    )


def remark_line(number):
    return (
        f'{{"id": "r{number}", "pid": "", "orig": "Kommentar {number}", "user": {{"name": "L"}}, '
        '"locator": {"url": "https://www.zeitung.example/radwege"}, '
        '"time": "2023-01-01T00:00:00Z"}\n'
    )


CASES = {
    "disqus": (
        DISQUS_HEAD + "".join(disqus_post(n) for n in range(400)),
        "".join(disqus_post(n) for n in range(400, 800)) + "</disqus>\n",
    ),
    "remark42": (
        '{"version": 1, "users": [], "posts": []}\n' + "".join(remark_line(n) for n in range(1000)),
        "".join(remark_line(n) for n in range(1000, 2000)),
    ),
}


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_first_comments_arrive_before_the_rest_of_the_file_is_written(fmt, tmp_path):
    first_part, rest = CASES[fmt]
    pipe = tmp_path / "export"
    os.mkfifo(pipe)
    got_first = threading.Event()
    outcome = {}

    def write():
        with open(pipe, "w", encoding="utf-8") as out:
            out.write(first_part)
            out.flush()
            # A reader that wanted the whole file first would still be waiting here.
            outcome["streamed"] = got_first.wait(timeout=10)
            out.write(rest)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    items = READERS[fmt](pipe)
    first = next(items)
    got_first.set()
    remaining = list(items)
    writer.join(timeout=10)
    assert outcome["streamed"] is True
    assert isinstance(first, ImportItem) and first.body == "Kommentar 0"
    assert len(remaining) == (799 if fmt == "disqus" else 1999)


def test_broken_xml_is_repaired_item_by_item_and_reported(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(
        DISQUS_HEAD
        + disqus_post(1)
        + disqus_post(2).replace('<thread dsq:id="t"/>', "<thread dsq:id=t/>")
        + disqus_post(3)
        + "</disqus>\n",
        encoding="utf-8",
    )
    items = list(READERS["disqus"](path))
    comments = [item.external_id for item in items if isinstance(item, ImportItem)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert comments == ["p1", "p3"]
    assert any(problem.item == "post p2" for problem in problems)
    assert any(problem.item == "line 5" and "broken XML" in problem.why for problem in problems)
