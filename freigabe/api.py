"""The public JSON API under /api/v1/, assembled from each app's router."""

from django.db import DataError
from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from freigabe.articles.api import router as articles_router
from freigabe.comments.api import router as comments_router
from freigabe.moderation.api import router as moderation_router

api = NinjaAPI(
    title="Freigabe API",
    version="1",
    description="Pre-moderated comments: publishers register articles, readers submit "
    "comments that wait for the editors, editors decide.",
    urls_namespace="api",
)
api.add_router("/", articles_router)
api.add_router("/", "freigabe.articles.import_api.router")  # POST .../articles:import
api.add_router("/", comments_router)
api.add_router("/", "freigabe.comments.reader_api.router")  # recommendations, counts
api.add_router("/moderation/", moderation_router)
api.add_router("/", "freigabe.compliance.api.router")  # reports, appeals, my-data


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body",))
        problems.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    detail = "Invalid request: " + "; ".join(problems) if problems else "Invalid request."
    return JsonResponse({"detail": detail, "errors": _plain(exc.errors)}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    status, detail = exc.status_code, str(exc)
    if status == 400 and detail.startswith("Cannot parse request body"):
        # An unparseable body is an invalid body: the contract answers 422 for both.
        status, detail = 422, "Invalid request: the body is not valid JSON."
    body = {"detail": detail}
    if getattr(exc, "code", None):
        body["code"] = exc.code
    return JsonResponse(body, status=status)


@api.exception_handler(DataError)
def unstorable_value(request, exc):
    # E.g. a NUL character, which PostgreSQL text cannot hold: bad input, not a server fault.
    return JsonResponse(
        {
            "detail": "The request contains characters or values that cannot "
            "be stored (for example a NUL character)."
        },
        status=422,
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return JsonResponse(
        {"detail": "Authentication required: send 'Authorization: Token <token>' or log in."}, status=401
    )


def _plain(errors):
    """Validation errors as JSON-safe values (pydantic may include exception objects)."""
    return [
        {
            key: value if isinstance(value, (str, int, float, list, type(None))) else str(value)
            for key, value in error.items()
        }
        for error in errors
    ]
