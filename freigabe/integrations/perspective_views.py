"""HTTP for the Perspective-compatible API: parse, check the key and the rate, answer.

Nothing of a request is logged or kept here (the text least of all); only
`suggestscore` stores the label it was sent for, unless asked not to (`doNotStore`).
"""

import json
import logging

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from freigabe import ratelimit
from freigabe.integrations import perspective
from freigabe.integrations.perspective import PerspectiveError

log = logging.getLogger(__name__)


def _endpoint(operation):
    @csrf_exempt
    def view(request):
        try:
            if request.method != "POST":
                raise PerspectiveError(405, "Use POST.")
            site = perspective.site_for_key(request.GET.get("key", ""))
            retry_after = ratelimit.hit(
                "perspective", f"site-key:{request.GET['key']}", settings.FREIGABE_RATE_PERSPECTIVE
            )
            if retry_after:
                response = _error(PerspectiveError(429, "Quota exceeded for this API key; try again later."))
                response["Retry-After"] = str(retry_after)
                return response
            return JsonResponse(operation(site, _json_body(request)))
        except PerspectiveError as error:
            return _error(error)
        except Exception as error:  # noqa: BLE001 - answered in Perspective's shape
            # Only the kind of failure is logged: never the comment's text.
            log.error("perspective %s failed: %s", operation.__name__, type(error).__name__)
            return _error(PerspectiveError(500, "Internal error; please try again."))

    return view


def _json_body(request):
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise PerspectiveError(400, "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise PerspectiveError(400, "The request body must be a JSON object.")
    return body


def _error(error):
    return JsonResponse(error.to_dict(), status=error.code)


analyze = _endpoint(perspective.analyze)
suggest_score = _endpoint(perspective.suggest_score)
