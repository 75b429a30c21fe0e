"""The moderator UI: server-rendered pages, htmx for in-place decisions."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from freigabe.accounts.roles import is_editor
from freigabe.articles.rules import REASON_CODES, rule_label
from freigabe.comments.models import Comment, Status
from freigabe.moderation.decisions import DecisionError, decide
from freigabe.moderation.highlight import highlighted_segments
from freigabe.moderation.models import Decision
from freigabe.moderation.queue import ORDERS, pending_comments

PAGE_SIZE = 50


def editor_required(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def reason_choices(language):
    return [(code, rule_label(None, code, language)) for code in REASON_CODES]


def card(comment, language):
    return {
        "comment": comment,
        "segments": highlighted_segments(comment.body, comment.assessment),
        "rules": _rule_scores(comment.assessment, language),
    }


def _rule_scores(assessment, language):
    rules = (assessment or {}).get("rules", {})
    return [
        {"code": code, "label": rule_label(None, code, language),
         "score": round(rule.get("score", 0) * 100),
         "evidence": rule.get("evidence", [])}
        for code, rule in rules.items() if rule.get("score", 0) >= 0.05
    ]


@editor_required
def queue(request):
    order = request.GET.get("order", "triage")
    comments = pending_comments(order, site=request.GET.get("site") or None)
    language = request.LANGUAGE_CODE
    context = {
        "cards": [card(c, language) for c in comments[:PAGE_SIZE]],
        "pending_count": comments.count(),
        "order": order,
        "orders": list(ORDERS),
        "reasons": reason_choices(language),
    }
    return render(request, "moderation/queue.html", context)


@editor_required
@require_POST
def decide_comment(request, pk):
    action = request.POST.get("action", "")
    reasons = request.POST.getlist("reasons")
    error = None
    try:
        decide(pk, action, actor=request.user, reasons=reasons, note=request.POST.get("note", ""))
    except DecisionError as exc:
        error = str(exc)
    if request.headers.get("HX-Request"):
        comment = Comment.objects.select_related("article").get(pk=pk)
        return render(request, "moderation/_decided.html",
                      {"comment": comment, "error": error},
                      status=200)
    return redirect("moderation:queue")


@editor_required
def history(request):
    query = request.GET.get("q", "").strip()
    decisions = Decision.objects.select_related("comment__article", "actor")
    if query:
        decisions = decisions.filter(
            Q(comment__body__icontains=query) | Q(comment__author_name__icontains=query)
            | Q(comment__article__title__icontains=query)
        )
    return render(request, "moderation/history.html",
                  {"decisions": decisions[:200], "query": query,
                   "released": Status.RELEASED})


@editor_required
def counts(request):
    """The tab counters, refreshed by htmx without reloading the page."""
    pending = Comment.objects.filter(status=Status.PENDING).count()
    return render(request, "moderation/_counts.html", {"pending_count": pending})


