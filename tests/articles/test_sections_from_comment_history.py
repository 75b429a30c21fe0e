"""Articles created by import-comments take their section from the export's category."""

import pytest

from freigabe.articles.models import Article
from tests.integrations.test_import import import_json

pytestmark = pytest.mark.django_db

FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def wordpress_export():
    text = (FIXTURES / "wordpress.xml").read_text(encoding="utf-8")
    # The first post in two categories and with a tag; the tag is no section.
    return text.replace(
        "<wp:post_id>311</wp:post_id>",
        '<category domain="post_tag" nicename="bus"><![CDATA[Bus]]></category>'
        '<category domain="category" nicename="lokales"><![CDATA[ Lokales ]]></category>'
        '<category domain="category" nicename="verkehr"><![CDATA[Verkehr]]></category>'
        "<wp:post_id>311</wp:post_id>",
        1,
    )


def test_a_wordpress_posts_first_category_becomes_the_new_articles_section(publisher, tmp_path):
    export = tmp_path / "wordpress.xml"
    export.write_text(wordpress_export(), encoding="utf-8")
    result = import_json(export, "wordpress")
    assert result["articles_created"] >= 1
    bus = Article.objects.get(title="Neue Buslinie zum Klinikum")
    assert bus.section == "Lokales"
    assert set(Article.objects.exclude(pk=bus.pk).values_list("section", flat=True)) <= {""}


def test_a_disqus_threads_category_becomes_the_section_but_not_the_default_one(publisher, tmp_path):
    text = (FIXTURES / "disqus.xml").read_text(encoding="utf-8")
    text = text.replace(
        '  <category dsq:id="501">',
        '  <category dsq:id="777"><forum>zeitung</forum><title>Sport</title>'
        "<isDefault>false</isDefault></category>\n"
        '  <category dsq:id="501">',
        1,
    )
    # The second thread (the outdoor pool) moves to the Sport category.
    first, rest = text.split('<thread dsq:id="9002">', 1)
    rest = rest.replace('<category dsq:id="501"/>', '<category dsq:id="777"/>', 1)
    export = tmp_path / "disqus.xml"
    export.write_text(first + '<thread dsq:id="9002">' + rest, encoding="utf-8")
    import_json(export, "disqus")
    assert Article.objects.get(title="Das Freibad öffnet im Mai").section == "Sport"
    assert Article.objects.get(title="Stadtrat beschließt neue Radwege").section == ""
