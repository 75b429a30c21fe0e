"""Project-wide request guards: body size, CORS for the widget, CSP for staff pages."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from freigabe.articles.origins import allowed_origins_for_path

API_PREFIX = "/api/"
UPLOAD_SUFFIX = "articles:import"
STAFF_PREFIXES = ("/moderation/", "/accounts/", "/compliance/")


class RequestSizeLimitMiddleware:
    """Refuse oversized API bodies with 413 before anything reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            limit = settings.FREIGABE_MAX_REQUEST_BYTES
            if request.path.endswith(UPLOAD_SUFFIX):
                limit = settings.FREIGABE_MAX_UPLOAD_BYTES
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return JsonResponse({"detail": "Invalid Content-Length."}, status=400)
            if length > limit:
                return JsonResponse({"detail": f"Request body too large (limit {limit} bytes)."}, status=413)
        return self.get_response(request)


class PublicCorsMiddleware:
    """Let the widget call the public API from the site's allowed origins only.

    A cross-origin write from any other origin is refused outright, not merely
    left unreadable, so a foreign page cannot post comments in a reader's name.
    """

    ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS"
    ALLOWED_HEADERS = "Content-Type, Authorization, If-None-Match, X-Freigabe-Reader, X-Freigabe-Sso"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = request.headers.get("Origin")
        if not origin or not request.path.startswith(API_PREFIX) or self._same_origin(request, origin):
            return self.get_response(request)
        allowed = origin in allowed_origins_for_path(request.path)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204 if allowed else 403)
        elif not allowed and request.method not in ("GET", "HEAD"):
            return JsonResponse({"detail": "Origin not allowed for this site."}, status=403)
        else:
            response = self.get_response(request)
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = self.ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = self.ALLOWED_HEADERS
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
            response["Access-Control-Max-Age"] = "600"
        response["Vary"] = "Origin" if "Vary" not in response else response["Vary"] + ", Origin"
        return response

    @staticmethod
    def _same_origin(request, origin):
        return origin == f"{request.scheme}://{request.get_host()}"


class ContentSecurityPolicyMiddleware:
    """Staff pages load only our own scripts and styles: an injected script cannot run."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(STAFF_PREFIXES):
            response.setdefault("Content-Security-Policy", self.POLICY)
        return response
