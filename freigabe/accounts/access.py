"""Who may do what: the one module the workspace pages and the moderation API ask.

Editors are active accounts with `moderation.decide_comment`; senior tasks need their own
permission (`moderation.decide_appeal`, `moderation.ban_author`, ...), granted through
the roles in accounts/roles.py. Pages answer with the login page or a 403 page that names
the role needed; the API answers 401 (no credentials, django-ninja's auth) or 403 JSON.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from ninja.errors import HttpError

from freigabe.accounts.forbidden import forbidden
from freigabe.accounts.roles import is_editor

DECIDE_COMMENT = "moderation.decide_comment"
EDITORS_ONLY = "You do not have permission to moderate comments."


def staff_view(permission=DECIDE_COMMENT):
    """Log in first; then the permission, else 403. Every workspace page goes through this."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_editor(request.user):
                raise PermissionDenied
            if not request.user.has_perm(permission):
                return forbidden(request, permission)  # says which role the page needs
            return view(request, *args, **kwargs)

        return guarded

    return decorator


editor_required = staff_view()


def require_editor(request):
    """For API endpoints behind `auth=editor_auth`: the authenticated user must be an editor."""
    if not is_editor(request.auth):
        raise HttpError(403, EDITORS_ONLY)


def require_permission(request, permission, message):
    """For API endpoints: an editor who also holds `permission`, else 403 with `message`."""
    require_editor(request)
    if not request.auth.has_perm(permission):
        raise HttpError(403, message)
