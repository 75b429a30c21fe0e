"""The widget's limits come from the server: the site information carries them, embed.js reads them."""

import re
from pathlib import Path

import pytest

from freigabe.articles.models import Site

EMBED_JS = Path(__file__).resolve().parents[2] / "freigabe/widget/static/widget/embed.js"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("limit", [5000, 1234])
def test_the_site_information_carries_the_comment_limit_from_the_setting(client, settings, limit):
    settings.FREIGABE_MAX_COMMENT_CHARS = limit
    Site.objects.create(slug="zeitung", name="Zeitung")
    limits = client.get("/api/v1/sites/zeitung").json()["limits"]
    assert limits == {"max_comment_chars": limit, "max_name_chars": 80}


def test_a_comment_over_the_served_limit_is_refused(client, settings):
    settings.FREIGABE_MAX_COMMENT_CHARS = 20
    site = Site.objects.create(slug="zeitung", name="Zeitung")
    site.articles.create(external_id="a1", title="Radwege", url="https://zeitung.example/a1", body="Radwege")
    limit = client.get("/api/v1/sites/zeitung").json()["limits"]["max_comment_chars"]
    answer = client.post(
        "/api/v1/sites/zeitung/articles/a1/comments",
        {"body": "x" * (limit + 1), "author_name": "Leser"},
        content_type="application/json",
    )
    assert answer.status_code == 413


def test_the_widget_takes_its_limits_from_the_site_information():
    source = EMBED_JS.read_text(encoding="utf-8")
    assert "limits?.max_comment_chars" in source and "limits?.max_name_chars" in source
    # No hard-coded comment or name length left: maxlength is 254 (e-mail) or 2000 (free
    # text of reports and appeals) or comes from this.limits.
    fixed = set(re.findall(r"maxlength: (\d+)", source))
    assert fixed <= {"254", "2000"}, fixed
    assert "5000" not in source.replace("5000 -> ", "")
