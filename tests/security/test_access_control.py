"""Every URL is either on the public list below, with a reason, or refuses outsiders.

The test walks Django's URL resolver and every operation of the JSON API (from its
OpenAPI schema), so a new moderator, compliance or publisher endpoint without a guard
fails here until it is guarded or deliberately added to the public list.
"""

import json
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from freigabe.api import api

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/v1"

PUBLIC_API = {
    ("GET", "/openapi.json"): "the API description is public documentation",
    ("GET", "/docs"): "renders the public API description",
    ("GET", "/sites/{site}"): "the widget shows the site's name, guidelines and rule labels",
    (
        "POST",
        "/sites/{site}/articles/{article_id}/register",
    ): "the widget announces an unknown article; only from the site's own origins",
    ("GET", "/sites/{site}/articles/{article_id}/comments"): "readers see released comments",
    (
        "POST",
        "/sites/{site}/articles/{article_id}/comments",
    ): "readers submit comments; rate-limited and held until an editor releases them",
    ("GET", "/comments/{comment_id}/status"): "the author's own secret token is required",
    ("POST", "/comments/{comment_id}/reports"): "anyone may report a comment (DSA notice)",
    ("POST", "/comments/{comment_id}/appeal"): "the author's own secret token is required",
    ("GET", "/comments/{comment_id}/my-data"): "the author's own secret token is required",
    (
        "POST",
        "/comments/{comment_id}/recommendations",
    ): "readers recommend released comments; once per reader, rate-limited",
    ("DELETE", "/comments/{comment_id}/recommendations"): "readers take their own back",
    ("GET", "/sites/{site}/counts"): "teaser pages show how many comments are released",
}

PUBLIC_PAGES = {
    "api:api-root": "the API's index; lists nothing",
    "accounts:login": "the login page",
    "accounts:logout": "logging out needs no rights",
    "widget:embed": "the reader widget's script",
    "widget:css": "the reader widget's styles",
    "widget:demo": "the demo article with the widget",
    "compliance:confirm-email": "the reader's own emailed secret token is required",
    "compliance:appeal": "the author's own emailed secret token is required",
    "compliance:my-data": "the author's own emailed, signed data link is required",
    "compliance:unsubscribe-replies": "the reader's own emailed, signed unsubscribe link",
    "compliance:ban-appeal": "the banned author's own emailed secret token is required",
    "compliance:report-appeal": "the reporter's own emailed secret token is required",
    "favicon": "the site's icon",
    "widget:count": "the teaser pages' comment-count script",
    "metrics": "404 unless FREIGABE_METRICS_TOKEN or _ALLOWED_IPS is set; then token or "
    "address only (tests/cli/test_metrics.py)",
    "set_language": "switches the interface language",
    "health": "for load balancers",
    "": "redirects to the demo article",
}


def walk_patterns(resolver=None, prefix="", namespace=""):
    """(route, full name, pattern) for every URL pattern, through all includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk_patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace + (entry.name or ""), entry


def api_operations():
    """(method, path) of every operation in the OpenAPI schema, path relative to /api/v1."""
    schema = api.get_openapi_schema()
    return [
        (method.upper(), path.removeprefix(API_PREFIX))
        for path, operations in schema["paths"].items()
        for method in operations
    ]


def valid_body(method, path):
    """A body that passes the operation's schema, so the request reaches the guard.

    An outsider's request must be refused for who it is, not merely for its shape.
    """
    schema = api.get_openapi_schema()
    operation = schema["paths"][API_PREFIX + path][method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return {}
    return sample(content["application/json"]["schema"], schema["components"]["schemas"])


SAMPLES = {"string": "x", "integer": 1, "number": 1, "boolean": False, "array": [], "object": {}}


def sample(schema, components):
    if "$ref" in schema:
        return sample(components[schema["$ref"].rsplit("/", 1)[1]], components)
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        return sample(schema["anyOf"][0], components)
    if schema.get("type") == "object" and "properties" in schema:
        return {name: sample(schema["properties"][name], components) for name in schema.get("required", [])}
    return SAMPLES.get(schema.get("type"), "x")


@pytest.fixture
def objects(publisher, article, submit):
    comment = submit()
    return {
        "site": publisher.site.slug,
        "article_id": article.external_id,
        "comment_id": comment["id"],
        "pk": comment["id"],
        "slug": publisher.site.slug,
        "group_id": 1,
        "appeal_id": 1,
        "token": "not-a-real-token",
        "report_id": 1,
        "webhook_id": 1,
        "delivery_id": 1,
        "statement_id": 1,
        "ban_id": 1,
        "note_id": 1,
        "decision_id": 1,
        "user_id": 1,
        "id": 1,
        "section": "politik",
    }


@pytest.fixture
def reader_client(db):
    """A logged-in account without any editorial role."""
    reader = get_user_model().objects.create_user("leserin", password="Leser-Passwort-1")
    client = Client()
    client.force_login(reader)
    return client


def fill(route, values):
    """A concrete URL for a Django route or an OpenAPI path, using existing objects."""
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), route)
    return re.sub(r"\{(\w+)\}", lambda match: str(values[match.group(1)]), route)


def is_refused(response):
    if response.status_code in (401, 403):
        return True
    return response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)


def refusal_problems(client, url, methods):
    """Why the URL is not properly closed to this client, or None when it is."""
    responses = {method: getattr(client, method.lower())(url) for method in methods}
    refused = [method for method, response in responses.items() if is_refused(response)]
    # 405 for a method the view does not offer is fine, as long as one method was refused.
    others = {
        method: response.status_code
        for method, response in responses.items()
        if method not in refused and response.status_code != 405
    }
    if refused and not others:
        return None
    return {method: response.status_code for method, response in responses.items()}


def test_every_api_pattern_is_in_the_openapi_schema():
    documented = {re.sub(r"\{\w+\}", "{}", path) for _, path in api_operations()}
    for route, name, _ in walk_patterns():
        if route.startswith("api/v1/") and name != "api:api-root":
            path = re.sub(r"<(?:\w+:)?\w+>", "{}", route.removeprefix("api/v1"))
            assert path in documented or path in ("/openapi.json", "/docs"), route


def test_the_public_lists_name_only_existing_endpoints():
    operations = set(api_operations()) | {("GET", "/openapi.json"), ("GET", "/docs")}
    assert set(PUBLIC_API) <= operations, set(PUBLIC_API) - operations
    names = {name for _, name, _ in walk_patterns()}
    assert set(PUBLIC_PAGES) <= names, set(PUBLIC_PAGES) - names


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_every_staff_api_operation_refuses_outsiders(who, objects, client, reader_client):
    visitor = client if who == "anonymous" else reader_client
    problems = {}
    for method, path in api_operations():
        if (method, path) in PUBLIC_API:
            continue
        url = API_PREFIX + fill(path, objects)
        body = json.dumps(valid_body(method, path))
        response = visitor.generic(method, url, body, content_type="application/json")
        if not is_refused(response):
            problems[f"{method} {url}"] = response.status_code
    assert problems == {}


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_every_staff_page_refuses_outsiders(who, objects, client, reader_client):
    visitor = client if who == "anonymous" else reader_client
    problems = {}
    for route, name, _ in walk_patterns():
        if route.startswith("api/") or name in PUBLIC_PAGES:
            continue
        url = "/" + fill(route, objects)
        answer = refusal_problems(visitor, url, ["GET", "POST"])
        if answer:
            problems[f"{name} {url}"] = answer
    assert problems == {}
