"""The widget's assets and the demo article page, through Django's test client."""

import gzip

import pytest

from freigabe.articles.services import create_site, upsert_article
from freigabe.widget.views import ASSET_DIR

# The widget loads on every article page, often on phones: keep it small.
SIZE_BUDGET_GZIPPED = 30 * 1024
# The count script runs on front pages with dozens of teasers: smaller still.
COUNT_BUDGET_GZIPPED = 2 * 1024


def gzipped_size(*names):
    return sum(len(gzip.compress((ASSET_DIR / name).read_bytes(), compresslevel=9)) for name in names)


def test_the_widget_script_and_stylesheet_stay_within_the_size_budget():
    assert gzipped_size("embed.js", "widget.css") < SIZE_BUDGET_GZIPPED


def test_the_count_script_for_teaser_pages_stays_under_two_kilobytes():
    assert gzipped_size("count.js") < COUNT_BUDGET_GZIPPED


def test_it_serves_the_count_script_gzipped_to_any_page(client):
    response = client.get("/widget/count.js", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert gzip.decompress(response.content) == (ASSET_DIR / "count.js").read_bytes()
    assert len(response.content) < COUNT_BUDGET_GZIPPED


def test_it_serves_the_embed_script_as_javascript_to_any_page(client):
    response = client.get("/widget/embed.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert b"attachShadow" in response.content
    assert response.content == (ASSET_DIR / "embed.js").read_bytes()


def test_it_serves_the_stylesheet_as_css(client):
    response = client.get("/widget/widget.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"--freigabe-accent" in response.content


def test_it_sends_the_script_gzipped_when_the_browser_accepts_it(client):
    response = client.get("/widget/embed.js", HTTP_ACCEPT_ENCODING="gzip, br")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content) == (ASSET_DIR / "embed.js").read_bytes()
    assert len(response.content) < SIZE_BUDGET_GZIPPED


def test_a_revalidation_with_the_etag_gets_not_modified(client):
    etag = client.get("/widget/embed.js")["ETag"]

    response = client.get("/widget/embed.js", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_the_asset_urls_answer_head_but_refuse_writes(client):
    assert client.head("/widget/embed.js").status_code == 200
    assert client.post("/widget/embed.js").status_code == 405


def test_the_scripts_never_build_markup_from_strings():
    for name in ("embed.js", "count.js"):
        script = (ASSET_DIR / name).read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in script, f"{name} uses {sink}"
        # Never "include": cross-origin requests carry no cookies (the browser test
        # tests/browser/test_widget_isolation.py shows it with a cookie set).
        assert "credentials" in script and '"include"' not in script


@pytest.fixture
def demo_article():
    site, _ = create_site(
        "demo", name="Stadtanzeiger", origins=["http://127.0.0.1:8000", "http://localhost:8000"]
    )
    article, _ = upsert_article(
        site,
        "radwege-innenstadt",
        title="Radwege <script>alert(1)</script> für die Innenstadt",
        body="Erster Absatz über die Lindenallee.\n\nZweiter Absatz mit <b>Markup</b>.",
        url="http://127.0.0.1:8000/widget/demo/",
    )
    return article


@pytest.mark.django_db
def test_the_demo_page_shows_the_article_escaped_and_embeds_the_widget(client, demo_article):
    response = client.get("/widget/demo/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Radwege &lt;script&gt;alert(1)&lt;/script&gt; für die Innenstadt" in html
    assert "<script>alert(1)" not in html
    assert "Zweiter Absatz mit &lt;b&gt;Markup&lt;/b&gt;." in html
    assert (
        '<script src="http://testserver/widget/embed.js" data-site="demo" data-article="radwege-innenstadt"'
    ) in html
    assert 'data-title="Radwege &lt;script&gt;alert(1)&lt;/script&gt; für die Innenstadt"' in html
    assert "<figcaption>" in html


@pytest.mark.django_db
def test_the_demo_page_runs_under_a_strict_content_security_policy(client, demo_article):
    policy = client.get("/widget/demo/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_the_demo_page_explains_how_to_load_missing_demo_data(client):
    response = client.get("/widget/demo/")

    assert response.status_code == 404
    assert "freigabe load_demo" in response.content.decode()
