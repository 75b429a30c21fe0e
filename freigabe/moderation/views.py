"""The editors' workspace: server-rendered pages, htmx for in-place work.

Views parse the request, check the permission and call a domain function
(decide, undo, claim, impose_ban, ...); the logic lives in those modules.
"""

from io import StringIO
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from freigabe.accounts.access import editor_required, staff_view
from freigabe.articles.models import Site
from freigabe.articles.rules import ASSESSED_RULES, rule_label
from freigabe.comments.models import Comment
from freigabe.http import parse_id
from freigabe.moderation import audit, charts, metrics
from freigabe.moderation.bans import BanError, active_bans, impose_ban, lift_ban
from freigabe.moderation.claims import (
    ClaimResult,
    claim,
    claimed_by_colleague,
    claimed_by_colleagues,
)
from freigabe.moderation.decisions import DecisionError, decide, undo
from freigabe.moderation.error_messages import shown_error
from freigabe.moderation.forms import BanForm, SiteSettingsForm
from freigabe.moderation.models import Action, Ban, Decision
from freigabe.moderation.newsroom import NewsroomReplyError, newsroom_name, newsroom_reply
from freigabe.moderation.notes import note_counts
from freigabe.moderation.picks import PickError, set_pick
from freigabe.moderation.queue import (
    AGES,
    MY_SECTIONS,
    ORDERS,
    QueueFilter,
    articles_with_pending,
    editor_queue,
    editor_queue_page,
    scoped_outlook,
)
from freigabe.moderation.sections import (
    editor_sections,
    sections_with_pending,
    story_groups_with_pending,
)
from freigabe.moderation.site_settings import apply_site_settings
from freigabe.moderation.workspace import (
    card,
    claimed_elsewhere_ids,
    comment_context,
    reason_choices,
    reason_picker,
    tab_counts,
)

# Cards per page: enough to work through by keyboard for a while; rendering more would
# slow every page load for comments nobody reaches before the queue is reloaded.
PAGE_SIZE = 25
HISTORY_PAGE = 200
AUDIT_PAGE = 300


def _htmx(request):
    return bool(request.headers.get("HX-Request"))


def _retarget(response, target, swap="outerHTML"):
    response["HX-Retarget"] = target
    response["HX-Reswap"] = swap
    return response


def _flash(request, message, level="error"):
    return _retarget(
        render(request, "moderation/_flash.html", {"message": message, "level": level}), "#flash", "innerHTML"
    )


# --- the pending queue -----------------------------------------------------------------


@editor_required
def queue(request):
    queue_filter = QueueFilter.from_query(request.GET, editor_sections(request.user))
    language = request.LANGUAGE_CODE
    cards = [card(comment, language) for comment in editor_queue_page(request.user, queue_filter, PAGE_SIZE)]
    notes = note_counts([item["comment"] for item in cards])
    for item in cards:
        item["author_notes"] = notes.get(item["comment"].pk, 0)
    counts = tab_counts(request.user)
    claimed_ids = claimed_elsewhere_ids(request.user)
    if queue_filter.is_narrowed:
        pending_count = editor_queue(request.user, queue_filter).count()
    else:  # all pending but colleagues' claims: no need to count the queue twice
        pending_count = counts["pending"] - len(claimed_ids)
    context = {
        "cards": cards,
        "tab_counts": counts,
        "claimed_ids": claimed_ids,
        "pending_count": pending_count,
        "filter": queue_filter,
        "orders": list(ORDERS),
        "ages": [age for age in AGES if age],
        "rules": [(code, rule_label(None, code, language)) for code in ASSESSED_RULES],
        "articles": articles_with_pending(queue_filter.sections),
        "sections": _section_choices(queue_filter),
        "own_sections": editor_sections(request.user),
        "story_groups": story_groups_with_pending(),
        "my_sections": MY_SECTIONS,
        "reasons": reason_choices(None, language),
        "reason_picker": reason_picker(None, language),
        "tab": "pending",
        "outlook": _queue_outlook(queue_filter),
    }
    return render(request, "moderation/queue.html", context)


def _section_choices(queue_filter):
    """Sections with pending comments, and the chosen one even when nothing waits in it."""
    sections = sections_with_pending()
    choice = queue_filter.section_choice
    if choice and choice != MY_SECTIONS and choice not in {name for name, _n in sections}:
        sections.append((choice, 0))
    return sections


def _queue_outlook(queue_filter):
    """How long the queue being worked takes to clear and which promises are in danger."""
    outlook = scoped_outlook(queue_filter)
    return {
        **outlook,
        "clear": charts.duration(outlook["clear_seconds"]),
        "clear_low": charts.duration(outlook["clear_range"][0]),
        "clear_high": charts.duration(outlook["clear_range"][1]),
        "oldest": charts.duration(outlook["oldest_waiting_seconds"]),
    }


@editor_required
def comment_context_view(request, pk):
    """The context beside a focused card. Reading it claims nothing (the cursor passing by
    is no work on the comment); it only says when a colleague holds the comment."""
    comment = get_object_or_404(Comment.objects.select_related("article__site", "parent"), pk=pk)
    colleague = claimed_by_colleague(comment.pk, request.user)
    result = ClaimResult(False, colleague, None) if colleague is not None else None
    context = {
        "comment": comment,
        "claim": result,
        **comment_context(comment),
        "can_ban": request.user.has_perm("moderation.ban_author"),
    }
    return render(request, "moderation/_context.html", context)


@editor_required
@require_POST
def claim_comment(request, pk):
    """The editor starts work on a card (opens its reason picker): reserve it for a while."""
    comment = get_object_or_404(Comment, pk=pk)
    result = claim(comment.pk, request.user) if comment.status == "pending" else None
    return render(request, "moderation/_claim.html", {"claim": result})


@editor_required
def comment_page(request, pk):
    """One comment on a page of its own (linked from the history and the audit log)."""
    comment = get_object_or_404(Comment.objects.select_related("article__site", "parent"), pk=pk)
    result = claim(comment.pk, request.user) if comment.status == "pending" else None
    language = request.LANGUAGE_CODE
    context = {
        "item": card(comment, language),
        "claim": result,
        "comment": comment,
        "newsroom_name": newsroom_name(comment.article.site),
        "reason_picker": reason_picker(comment.article.site.house_rules, language),
        "can_ban": request.user.has_perm("moderation.ban_author"),
        **comment_context(comment),
    }
    return render(request, "moderation/comment.html", context)


@editor_required
@require_POST
def decide_comment(request, pk):
    action = request.POST.get("action", "")
    error = None
    colleague = claimed_by_colleague(pk, request.user)
    if colleague is not None:
        error = _("%(name)s bearbeitet diesen Kommentar gerade.") % {"name": colleague.username}
    else:
        try:
            decision = decide(
                pk,
                action,
                actor=request.user,
                reasons=request.POST.getlist("reasons"),
                note=request.POST.get("note", ""),
            )
        except DecisionError as exc:
            error = shown_error(exc)
    if _htmx(request):
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        return render(
            request,
            "moderation/_decided.html",
            {"comment": comment, "error": error, "decision": None if error else decision},
        )
    if error:
        messages.error(request, error)
    return redirect("moderation:queue")


@editor_required
@require_POST
def pick_comment(request, pk):
    """Mark or unmark a released comment as an editors' pick (the button or the key p)."""
    error = None
    try:
        comment = set_pick(pk, request.POST.get("pick") == "1", actor=request.user)
    except PickError as refused:
        error, comment = shown_error(refused), get_object_or_404(Comment, pk=pk)
    if _htmx(request):
        return render(
            request,
            "moderation/_pick.html",
            {"comment": comment, "error": error},
            status=200 if error is None else 409,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Als Redaktionsempfehlung markiert.")
            if comment.editors_pick
            else _("Redaktionsempfehlung entfernt."),
        )
    return redirect("moderation:comment", pk=pk)


@editor_required
@require_POST
def newsroom_reply_view(request, pk):
    """Publish the editor's reply as the newsroom; it is their decision, recorded as such."""
    try:
        reply = newsroom_reply(pk, request.POST.get("body", ""), actor=request.user)
    except NewsroomReplyError as refused:
        messages.error(request, shown_error(refused))
        return redirect("moderation:comment", pk=pk)
    messages.success(request, _("Antwort der Redaktion veröffentlicht (#%(id)s).") % {"id": reply.pk})
    return redirect("moderation:comment", pk=reply.pk)


@editor_required
@require_POST
def undo_last(request):
    """Undo the editor's latest decision (within seconds); the comment comes back as a card."""
    try:
        named = request.POST.get("decision")  # 0 matches no decision: refused, as a stale one
        reverting = undo(request.user, decision_id=(parse_id(named) or 0) if named else None)
    except (DecisionError, ValueError) as exc:
        if _htmx(request):
            return _flash(request, shown_error(exc))
        messages.error(request, shown_error(exc))
        return redirect("moderation:queue")
    comment = Comment.objects.select_related("article__site", "parent").get(pk=reverting.comment_id)
    claim(comment.pk, request.user)
    if not _htmx(request):
        messages.success(request, _("Entscheidung rückgängig gemacht."))
        return redirect("moderation:queue")
    response = render(
        request,
        "moderation/_card.html",
        {
            "item": card(comment, request.LANGUAGE_CODE),
            "reason_picker": reason_picker(comment.article.site.house_rules, request.LANGUAGE_CODE),
            "restored": True,
        },
    )
    return _retarget(response, f"#comment-{comment.pk}")


@editor_required
@require_POST
def bulk_decide(request):
    """Release or reject the selected comments; each one through decide(), none twice."""
    action = request.POST.get("action", "")
    ids = [number for number in map(parse_id, request.POST.getlist("ids")) if number][:PAGE_SIZE]
    reasons = request.POST.getlist("reasons")
    done, failed = 0, []
    # One look at colleagues' claims for the whole batch, not a query per comment.
    claimed = claimed_by_colleagues(ids, request.user)
    for comment_id in ids:
        if comment_id in claimed:
            failed.append(_("#%(id)s wird gerade von jemand anderem bearbeitet.") % {"id": comment_id})
            continue
        try:
            decide(comment_id, action, actor=request.user, reasons=reasons, note=request.POST.get("note", ""))
            done += 1
        except DecisionError as exc:
            failed.append(shown_error(exc))
    if done:
        messages.success(request, _("%(n)s Kommentare entschieden.") % {"n": done})
    for problem in failed[:10]:
        messages.error(request, problem)
    if not ids:
        messages.error(request, _("Keine Kommentare ausgewählt."))
    return redirect(reverse("moderation:queue") + _safe_query(request.POST.get("query", "")))


def _safe_query(query):
    # Only a query string of our own filter form goes back into the redirect.
    allowed = {"order", "article", "rule", "min_score", "age", "section", "group"}
    params = {k: v for k, v in QueryDict(query.lstrip("?")).items() if k in allowed}
    return "?" + urlencode(params) if params else ""


@editor_required
def counts(request):
    """The tab counters (and colleagues' claims), refreshed by htmx without reloading."""
    return render(
        request,
        "moderation/_counts.html",
        {
            "counts": tab_counts(request.user),
            "tab": request.GET.get("tab", ""),
            "claimed_ids": claimed_elsewhere_ids(request.user),
        },
    )


# --- decided history -----------------------------------------------------------------


@editor_required
def history(request):
    query = request.GET.get("q", "").strip()
    action = request.GET.get("action", "")
    decisions = Decision.objects.select_related("comment__article", "actor")
    if query:
        matches = (
            Q(comment__body__icontains=query)
            | Q(comment__author_name__icontains=query)
            | Q(comment__article__title__icontains=query)
            | Q(actor__username__icontains=query)
        )
        comment_id = parse_id(query.lstrip("#"))
        if comment_id:
            matches |= Q(comment_id=comment_id)
        decisions = decisions.filter(matches)
    if action in Action.values:
        decisions = decisions.filter(action=action)
    return render(
        request,
        "moderation/history.html",
        {
            "decisions": decisions[:HISTORY_PAGE],
            "query": query,
            "action": action,
            "actions": Action.choices,
            "tab": "decided",
        },
    )


# --- authors: bans and suspensions -----------------------------------------------------


@staff_view("moderation.ban_author")
def bans(request):
    if request.method == "POST":
        form = BanForm(request.POST)
        if form.is_valid():
            try:
                impose_ban(
                    form.cleaned_data["kind"],
                    form.cleaned_data["value"],
                    reason=form.cleaned_data["reason"],
                    days=form.cleaned_data["days"],
                    actor=request.user,
                )
                messages.success(request, _("Sperre verhängt."))
                return redirect("moderation:bans")
            except BanError as exc:
                form.add_error(None, shown_error(exc))
    else:
        form = BanForm(initial={k: request.GET[k] for k in ("kind", "value") if k in request.GET})
    return render(
        request,
        "moderation/bans.html",
        {
            "form": form,
            "active": active_bans().select_related("created_by")[:200],
            "past": Ban.objects.exclude(pk__in=active_bans().values("pk")).select_related(
                "created_by", "lifted_by"
            )[:100],
            "tab": "bans",
        },
    )


@staff_view("moderation.ban_author")
@require_POST
def lift(request, pk):
    try:
        lift_ban(pk, actor=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("Sperre aufgehoben."))
    except BanError as exc:
        messages.error(request, shown_error(exc))
    return redirect("moderation:bans")


# --- audit log, operations, site settings ----------------------------------------------


@staff_view("moderation.view_auditentry")
def audit_log(request):
    query, action = request.GET.get("q", "").strip(), request.GET.get("action", "")
    return render(
        request,
        "moderation/audit.html",
        {
            "entries": audit.entries(query, action)[:AUDIT_PAGE],
            "query": query,
            "action": action,
            "tab": "audit",
        },
    )


@staff_view("moderation.view_auditentry")
def audit_csv(request):
    out = StringIO()
    audit.write_csv(
        audit.entries(request.GET.get("q", "").strip(), request.GET.get("action", "")).iterator(), out
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="freigabe-audit.csv"'
    return response


@staff_view("moderation.view_auditentry")
def operations(request):
    waits = metrics.time_to_decision()
    slots, per_editor = metrics.decisions_per_editor_per_hour()
    overrides = metrics.overrides_per_rule()
    language = request.LANGUAGE_CODE
    period_names = {"hour": _("letzte Stunde"), "day": _("letzter Tag"), "week": _("letzte Woche")}
    wait_chart = charts.horizontal_bars(
        [
            (f"{period_names[name]} – {label}", figures[key])
            for name, figures in waits.items()
            for key, label in (("median", "Median"), ("p90", "P90"))
        ],
        title=_("Zeit bis zur Entscheidung"),
        shown=charts.duration,
    )
    override_rows = [(code, rule_label(None, code, language), figures) for code, figures in overrides.items()]
    override_chart = charts.horizontal_bars(
        [(label, None if f["share"] is None else f["share"] * 100) for _code, label, f in override_rows],
        title=_("Anteil überstimmter Vorschläge je Regel"),
        max_value=100,
        shown=lambda share: f"{share:.0f} %",
    )
    editor_charts = charts.column_series(
        [timezone.localtime(slot).strftime("%H") for slot in slots],
        per_editor,
        title=_("Entscheidungen je Stunde"),
    )
    shown_waits = {
        name: {"n": f["n"], "median": charts.duration(f["median"]), "p90": charts.duration(f["p90"])}
        for name, f in waits.items()
    }
    return render(
        request,
        "moderation/operations.html",
        {
            "queue_length": metrics.queue_length(),
            "waits": shown_waits,
            "period_names": period_names,
            "wait_chart": wait_chart,
            "override_chart": override_chart,
            "overrides": override_rows,
            "editor_charts": editor_charts,
            "tab": "operations",
        },
    )


@staff_view("articles.change_site")
def site_settings(request, slug=None):
    sites = list(Site.objects.all())
    if not sites:
        return render(request, "moderation/settings.html", {"sites": [], "tab": "settings"})
    site = get_object_or_404(Site, slug=slug) if slug else sites[0]
    if request.method == "POST":
        form = SiteSettingsForm(request.POST, site=site)
        if form.is_valid():
            changed = apply_site_settings(site, form.cleaned_data, actor=request.user)
            messages.success(request, _("Einstellungen gespeichert.") if changed else _("Nichts geändert."))
            return redirect("moderation:site_settings", slug=site.slug)
    else:
        form = SiteSettingsForm(site=site)
    return render(
        request, "moderation/settings.html", {"form": form, "site": site, "sites": sites, "tab": "settings"}
    )
