"""Articles carry a section (Ressort): from the publisher API, HTML pages and text dumps."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from freigabe.articles.models import Article

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
# A dump laid out as the example page in ../shared/seed: the title on the first line.
TITLE_FIRST_DUMP = FIXTURES / "text" / "title-first-afp.txt"
HTML_PAGE = FIXTURES / "html" / "opengraph-only.html"
ARTICLE = {
    "title": "Neue Radwege",
    "url": "https://www.zeitung.example/radwege",
    "body": "Der Stadtrat hat neue Radwege beschlossen.",
}
IMPORT = "/api/v1/sites/zeitung/articles:import"
PARAGRAPH = (
    "Der Stadtrat hat am Dienstag mit großer Mehrheit neue Radwege für die Innenstadt "
    "beschlossen; auf der Lindenallee entfallen dafür 230 Parkplätze. "
)


def put(api, publisher, article_id, **fields):
    return api.put(f"/api/v1/sites/zeitung/articles/{article_id}", {**ARTICLE, **fields}, **publisher.auth)


def upload(client, publisher, name, content):
    page = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(IMPORT, {"file": page}, **publisher.auth)


def test_the_publisher_api_sets_a_section_and_keeps_it_when_left_out(api, publisher):
    created = put(api, publisher, "a-1", section="  Politik   Inland ")
    assert created.status_code == 201 and created.json()["section"] == "Politik Inland"
    kept = put(api, publisher, "a-1", title="Radwege: neuer Titel")
    assert kept.status_code == 200 and kept.json()["section"] == "Politik Inland"
    cleared = put(api, publisher, "a-1", section="")
    assert cleared.json()["section"] == ""
    assert Article.objects.get(external_id="a-1").section == ""


def test_a_section_longer_than_100_characters_is_422(api, publisher):
    response = put(api, publisher, "a-2", section="x" * 101)
    assert response.status_code == 422 and "detail" in response.json()
    assert not Article.objects.exists()


def html_page(head):
    return (
        f"<!doctype html><html lang='de'><head><title>Radwege</title>{head}</head><body>"
        f"<article><h1>Neue Radwege in der Innenstadt</h1><p>{PARAGRAPH * 3}</p>"
        f"</article></body></html>"
    ).encode()


def test_html_imports_read_json_ld_article_section_before_the_meta_tag(client, publisher):
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Neue Radwege in der Innenstadt", '
        '"articleSection": ["Lokales", "Verkehr"]}</script>'
    )
    meta = '<meta property="article:section" content="Sport">'
    both = upload(client, publisher, "a.html", html_page(ld + meta))
    assert both.status_code == 201, both.content
    assert both.json()["section"] == "Lokales"
    assert Article.objects.get(external_id=both.json()["article_id"]).section == "Lokales"
    Article.objects.all().delete()
    only_meta = upload(client, publisher, "b.html", html_page(meta))
    assert only_meta.json()["section"] == "Sport"
    assert Article.objects.get().section == "Sport"


def test_a_text_dump_names_its_section_in_a_ressort_line_kept_out_of_the_text(client, publisher):
    dump = TITLE_FIRST_DUMP.read_text(encoding="utf-8")
    title, rest = dump.split("\n", 1)
    response = upload(client, publisher, "seite.txt", f"{title}\n\nRessort: Politik\n{rest}".encode())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["section"] == "Politik"
    assert "Ressort" not in data["body"] and data["title"] == title
    assert Article.objects.get().section == "Politik"
    plain = upload(client, publisher, "seite.txt", TITLE_FIRST_DUMP.read_bytes())
    assert plain.json()["section"] is None
    # Re-imported without a section line, the article keeps its section.
    assert Article.objects.get().section == "Politik"


def test_a_page_without_a_section_keeps_the_one_the_publisher_gave(api, client, publisher):
    created = upload(client, publisher, "a.html", HTML_PAGE.read_bytes())
    article_id = created.json()["article_id"]
    Article.objects.filter(external_id=article_id).update(section="Wirtschaft")
    again = upload(client, publisher, "a.html", HTML_PAGE.read_bytes())
    assert again.status_code == 200
    assert Article.objects.get(external_id=article_id).section == "Wirtschaft"
