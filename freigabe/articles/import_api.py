"""Publisher API: import an article from an uploaded page or a URL.

POST /api/v1/sites/{site}/articles:import with a multipart field `file`, or a form or JSON
field `url`; optional `article_id`. The same Bearer key as the article PUT.
"""

import json

from django.conf import settings
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from freigabe.articles.api import publisher_site
from freigabe.articles.importers import ArticleImportError, import_source
from freigabe.articles.imports import import_response, save_imported_article

router = Router(tags=["articles"])

# --- HTTP ------------------------------------------------------------------------------------


class ImportOut(Schema):
    site: str
    article_id: str
    created: bool
    title: str
    body: str
    published_at: str | None
    publisher: str | None
    authors: list[str]
    agencies: list[str]
    image_caption: str | None
    image_credit: str | None
    subheadings: list[str]
    url: str | None
    language: str | None
    source_format: str | None
    section: str | None


class ErrorOut(Schema):
    detail: str


IMPORT_REQUEST_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "The page: HTML or a plain-text dump.",
                        },
                        "url": {"type": "string", "description": "Or the page's http(s) URL."},
                        "article_id": {
                            "type": "string",
                            "description": "Default: derived from the URL or the title.",
                        },
                    },
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"url": {"type": "string"}, "article_id": {"type": "string"}},
                }
            },
        }
    },
}


@router.post(
    "sites/{site}/articles:import",
    summary="Import an article from a page or URL",
    response={200: ImportOut, 201: ImportOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    openapi_extra=IMPORT_REQUEST_BODY,
)
def import_article(request, site: str):
    publisher = publisher_site(request, site)
    upload, url, article_id = _import_request(request)
    try:
        if upload is not None:
            record = import_source(upload.read(), filename=upload.name, content_type=upload.content_type)
        else:
            record = import_source(url, allow_private_hosts=settings.FREIGABE_IMPORT_ALLOW_PRIVATE_URLS)
        article, created = save_imported_article(publisher, record, article_id)
    except ArticleImportError as error:
        raise HttpError(422, str(error)) from None
    return Status(201 if created else 200, import_response(publisher, article, created, record))


def _import_request(request):
    """(upload, url, article_id) from a multipart/form or a JSON body."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise HttpError(422, "Invalid request: the body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise HttpError(422, "Invalid request: send a JSON object.")
        upload = None
    else:
        data, upload = request.POST, request.FILES.get("file")
    url = data.get("url")
    article_id = data.get("article_id")
    if upload is None and not (isinstance(url, str) and url.strip()):
        raise HttpError(422, "Send the page as the file field 'file', or its address as 'url'.")
    if article_id is not None and not isinstance(article_id, str):
        raise HttpError(422, "The article id must be a string.")
    return upload, (url or "").strip(), article_id
