"""Conditional reads of a thread: the If-None-Match forms that proxies and browsers send."""

import pytest

from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def etag(api, article, submit, release):
    release(submit()["id"])
    return api.get(comments_path(article))["ETag"]


@pytest.mark.parametrize(
    "header",
    [
        "{tag}",  # as sent
        "W/{tag}",  # a proxy weakened it
        '"something-else", {tag}',  # one of a list
        '"a",W/{tag} , "b"',  # weak, in a list, odd spacing
    ],
)
def test_any_form_of_the_current_tag_answers_304(api, article, etag, header):
    response = api.get(comments_path(article), HTTP_IF_NONE_MATCH=header.format(tag=etag))
    assert response.status_code == 304
    assert response["ETag"]


@pytest.mark.parametrize("header", ['"other"', 'W/"other", "another"', "", "*garbage*"])
def test_other_tags_get_the_thread(api, article, etag, header):
    response = api.get(comments_path(article), HTTP_IF_NONE_MATCH=header)
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_tag_from_before_a_release_gets_the_new_thread(api, article, etag, submit, release):
    release(submit()["id"])
    response = api.get(comments_path(article), HTTP_IF_NONE_MATCH=f"W/{etag}")
    assert response.status_code == 200
    assert response.json()["count"] == 2
