"""The embed snippets exactly as docs/widget.md documents them, for tests and benchmarks."""

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "widget.md"
DOCUMENTED_HOST = "https://comments.example.de"
DOCUMENTED_SITE = 'data-site="lokal"'


def documented_fast_snippet(server_url, site, article):
    """The html block with the preload lines, pointed at `server_url`, `site` and `article`."""
    blocks = re.findall(r"```html\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    snippet = next(block for block in blocks if 'rel="preload"' in block)
    return (
        snippet.replace(DOCUMENTED_HOST, server_url)
        .replace("/sites/lokal/", f"/sites/{site}/")
        .replace(DOCUMENTED_SITE, f'data-site="{site}"')
        .replace("radwege-2024", article)
    )
