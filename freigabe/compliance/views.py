"""Pages reached from our emails (confirming an address, filing an appeal) and the
senior editors' appeals page."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from freigabe.accounts.roles import is_editor
from freigabe.compliance.appeal_links import decision_for_token
from freigabe.compliance.appeals import AppealError, appeal_deadline, decide_appeal, file_appeal
from freigabe.compliance.models import Appeal
from freigabe.compliance.notifications import confirm_email as confirm_address
from freigabe.compliance.notifications import address_for_confirmation, email_for_data_link
from freigabe.compliance.privacy import author_data
from freigabe.compliance.queues import pending_appeals
from freigabe.moderation.decisions import DecisionError

PAGE_SIZE = 50


def confirm_email(request, token):
    """GET shows a button, POST confirms: a mail scanner following links confirms nothing."""
    if request.method != "POST":
        valid = address_for_confirmation(token) is not None
        return render(request, "compliance/confirm.html", {"valid": valid},
                      status=200 if valid else 400)
    address = confirm_address(token)
    return render(request, "compliance/confirmed.html", {"confirmed": address is not None},
                  status=200 if address else 400)


def my_data(request, token):
    """The link mailed to an author: everything stored under their address, as JSON."""
    email = email_for_data_link(token)
    if email is None:
        return JsonResponse({"detail": "This link is invalid or has expired."}, status=404)
    return JsonResponse(author_data(email), json_dumps_params={"ensure_ascii": False})


def appeal(request, token):
    """The signed link from the statement-of-reasons mail: the decision, and a form to appeal."""
    decision = decision_for_token(token)
    if decision is None:
        return render(request, "compliance/appeal.html", {"invalid": True}, status=404)
    context = {"decision": decision, "statement": decision.statement_of_reasons or {},
               "deadline": appeal_deadline(decision),
               "appeal": Appeal.objects.filter(decision=decision).first()}
    status = 200
    if request.method == "POST" and context["appeal"] is None:
        try:
            context["appeal"] = file_appeal(decision.comment, request.POST.get("explanation", ""))
        except AppealError as refused:
            context["error"], status = str(refused), refused.status
    return render(request, "compliance/appeal.html", context, status=status)


def senior_editor_required(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (is_editor(request.user) and request.user.has_perm("moderation.decide_appeal")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


@senior_editor_required
def appeals_queue(request):
    """Open appeals for senior editors; each form posts to decide_appeal_view."""
    return render(request, "compliance/appeals.html",
                  {"appeals": pending_appeals()[:PAGE_SIZE]})


@senior_editor_required
@require_POST
def decide_appeal_view(request, pk):
    try:
        decide_appeal(pk, request.POST.get("outcome", ""), actor=request.user,
                      note=request.POST.get("note", ""))
    except (AppealError, DecisionError) as refused:
        return render(request, "compliance/appeals.html",
                      {"appeals": pending_appeals()[:PAGE_SIZE], "error": str(refused)},
                      status=getattr(refused, "status", 409))
    return redirect("compliance:appeals")
