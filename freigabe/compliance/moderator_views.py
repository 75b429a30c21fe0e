"""The editors' pages for readers' reports (DSA Art. 16) and appeals (Art. 20).

Tabs of the moderation workspace (/moderation/reported/, /moderation/appeals/) that live in
compliance, which decides them: moderation knows them only by their URL names and asks for
their counts through its hook (moderation/extensions.py).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from freigabe.accounts.access import editor_required, staff_view
from freigabe.compliance.appeals import AppealError, decide_appeal
from freigabe.compliance.error_messages import shown_error
from freigabe.compliance.legal import LEGAL_GROUNDS, legal_citation, legal_ground_label
from freigabe.compliance.queues import pending_appeals, reported_comments
from freigabe.compliance.reports import decide_report_group
from freigabe.moderation.decisions import DecisionError
from freigabe.moderation.workspace import reason_choices

# Cases per page, as many as the queue shows cards.
PAGE_SIZE = 25


@editor_required
def reported(request):
    language = request.LANGUAGE_CODE
    return render(
        request,
        "compliance/reported.html",
        {
            "notices": list(reported_comments()[:PAGE_SIZE]),
            "reasons": reason_choices(None, language),
            "tab": "reported",
            "legal_grounds": _legal_ground_choices(language),
        },
    )


def _legal_ground_choices(language):
    return [
        (
            code,
            legal_ground_label(code, language)
            if code == "other"
            else f"{legal_citation(code)} – {legal_ground_label(code, language)}",
        )
        for code in LEGAL_GROUNDS
    ]


@editor_required
@require_POST
def decide_report(request, pk):
    try:
        decide_report_group(
            pk,
            request.POST.get("action", ""),
            actor=request.user,
            reasons=request.POST.getlist("reasons"),
            legal_ground=request.POST.get("legal_ground", ""),
            legal_provision=request.POST.get("legal_provision", ""),
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Meldung erledigt."))
    except DecisionError as refused:
        messages.error(request, shown_error(refused))
    return redirect("compliance_moderation:reported")


@staff_view("moderation.decide_appeal")
def appeals(request):
    return render(
        request, "compliance/appeals.html", {"appeals": list(pending_appeals()[:PAGE_SIZE]), "tab": "appeals"}
    )


@staff_view("moderation.decide_appeal")
@require_POST
def decide_appeal_view(request, pk):
    try:
        decide_appeal(
            pk, request.POST.get("outcome", ""), actor=request.user, note=request.POST.get("note", "")
        )
        messages.success(request, _("Beschwerde entschieden."))
    except (AppealError, DecisionError) as refused:
        messages.error(request, shown_error(refused))
    return redirect("compliance_moderation:appeals")
