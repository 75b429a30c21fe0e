"""Fuzz every operation of the published OpenAPI schema in-process: never a 5xx.

Schemathesis generates requests from /api/v1/openapi.json (valid and invalid bodies,
odd strings, huge numbers) and sends them to the Django app through WSGI. Path
parameters point at real objects and the right credentials are sent, so the requests
reach the code behind the guards rather than stopping at 404 or 401.
"""

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from freigabe.comments.models import Comment

# A test dependency (pyproject's `test` extra); skip clearly rather than break collection.
schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck  # noqa: E402 - installed with schemathesis
from hypothesis import settings as hypothesis_settings  # noqa: E402

# Examples and fuzzing only: with the coverage phase too the test took 60 s instead of 31 s
# on a busy 2-core machine, and the bound is one minute.
FUZZING_ONLY = schemathesis.config.SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=FUZZING_ONLY)

EXAMPLES_PER_OPERATION = 10

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # A real WSGI handler closes "old" database connections around each request; inside a
    # test that is the test's own transaction. Django's test client unhooks this too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known(publisher, article, editor, settings):
    settings.FREIGABE_RATE_COMMENTS = "100000/60"
    comment = Comment.objects.create(article=article, body="Ein erster Kommentar.", author_name="Leserin")
    return {
        "site": publisher.site.slug,
        "article_id": article.external_id,
        "comment_id": comment.pk,
        "publisher": publisher,
        "editor": editor,
    }


def credentials(path, known):
    if "/moderation/" in path:
        return {"Authorization": f"Token {known['editor'].token}"}
    if "/sites/" in path:
        return {"Authorization": f"Bearer {known['publisher'].api_key}"}
    return {}


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
def test_no_request_makes_the_api_fail_with_a_server_error(case, known):
    for name in ("site", "article_id", "comment_id"):
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = known[name]
    response = case.call(headers=credentials(case.path, known))
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} answered {response.status_code}: {response.text[:500]}"
    )
