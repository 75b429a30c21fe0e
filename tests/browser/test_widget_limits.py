"""The widget's length limits follow the server's setting (served in the site information)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_form_takes_the_comment_limit_from_the_server(open_article, news_article, settings):
    settings.FREIGABE_MAX_COMMENT_CHARS = 1234
    widget = open_article()
    textarea = widget.main_form.get_by_label("Ihr Kommentar")
    textarea.fill("Hallo Welt")
    expect(widget.main_form.locator(".fg-counter")).to_have_text("10 von 1.234 Zeichen")
    expect(textarea).to_have_attribute("maxlength", "1234")
    expect(widget.main_form.get_by_label("Name")).to_have_attribute("maxlength", "80")
