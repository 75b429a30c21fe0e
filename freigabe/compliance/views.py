"""Pages reached from our emails: confirming an address, filing an appeal, the author's data.

Senior editors decide appeals in the moderation workspace (/moderation/appeals/).
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from freigabe.compliance.appeal_links import (
    decision_for_token,
    report_for_token,
    restriction_for_token,
)
from freigabe.compliance.appeals import (
    AppealError,
    file_appeal,
    file_report_appeal,
    file_restriction_appeal,
)
from freigabe.compliance.confirmation import confirm_email as confirm_address
from freigabe.compliance.deadlines import appeal_deadline, report_appeal_deadline, restriction_appeal_deadline
from freigabe.compliance.error_messages import shown_error
from freigabe.compliance.models import Appeal
from freigabe.compliance.notifications import address_for_confirmation, email_for_data_link
from freigabe.compliance.privacy import author_data
from freigabe.compliance.reply_mails import subscription_for_token, unsubscribe


def confirm_email(request, token):
    """GET shows a button, POST confirms: a mail scanner following links confirms nothing."""
    if request.method != "POST":
        valid = address_for_confirmation(token) is not None
        return render(request, "compliance/confirm.html", {"valid": valid}, status=200 if valid else 400)
    address = confirm_address(token)
    return render(
        request,
        "compliance/confirmed.html",
        {"confirmed": address is not None},
        status=200 if address else 400,
    )


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
    context = {
        "decision": decision,
        "statement": decision.statement_of_reasons or {},
        "deadline": appeal_deadline(decision),
        "appeal": Appeal.objects.filter(decision=decision).first(),
    }
    status = 200
    if request.method == "POST" and context["appeal"] is None:
        try:
            context["appeal"] = file_appeal(decision.comment, request.POST.get("explanation", ""))
        except AppealError as refused:
            context["error"], status = shown_error(refused), refused.status
    return render(request, "compliance/appeal.html", context, status=status)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session
def unsubscribe_replies(request, token):
    """GET asks, POST unsubscribes: the signed token is the proof, a CSRF token cannot be."""
    if request.method != "POST":
        valid = subscription_for_token(token) is not None
        return render(
            request,
            "compliance/unsubscribed.html",
            {"valid": valid, "done": False},
            status=200 if valid else 404,
        )
    done = unsubscribe(token) is not None
    return render(
        request, "compliance/unsubscribed.html", {"valid": done, "done": done}, status=200 if done else 404
    )


def ban_appeal(request, token):
    """The signed link from the ban mail: the statement of reasons, and a form to appeal."""
    restriction = restriction_for_token(token)
    if restriction is None:
        return render(request, "compliance/appeal.html", {"invalid": True}, status=404)
    return _other_appeal(
        request,
        "ban",
        restriction.statement_of_reasons,
        restriction_appeal_deadline(restriction),
        Appeal.objects.filter(restriction=restriction).first(),
        lambda text: file_restriction_appeal(restriction, text),
    )


def report_appeal(request, token):
    """The signed link from the report outcome mail: the reporter appeals keeping a comment."""
    report = report_for_token(token)
    if report is None:
        return render(request, "compliance/appeal.html", {"invalid": True}, status=404)
    return _other_appeal(
        request,
        "report",
        {"note": report.notice.note},
        report_appeal_deadline(report),
        Appeal.objects.filter(report=report).first(),
        lambda text: file_report_appeal(report, text),
        comment=report.notice.comment,
    )


def _other_appeal(request, kind, statement, deadline, appeal, file, comment=None):
    context = {
        "kind": kind,
        "statement": statement,
        "deadline": deadline,
        "appeal": appeal,
        "comment": comment,
    }
    status = 200
    if request.method == "POST" and appeal is None:
        try:
            context["appeal"] = file(request.POST.get("explanation", ""))
        except AppealError as refused:
            context["error"], status = shown_error(refused), refused.status
    return render(request, "compliance/other_appeal.html", context, status=status)
