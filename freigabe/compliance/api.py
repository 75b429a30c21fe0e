"""Compliance API: reports and appeals for readers and authors, their queues for editors."""

from django.conf import settings
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from freigabe import ratelimit
from freigabe.accounts.access import require_editor, require_permission
from freigabe.accounts.auth import editor_auth
from freigabe.comments.models import Comment
from freigabe.compliance.appeal_links import report_for_token, reporter_token
from freigabe.compliance.appeals import (
    AppealError,
    appeal_summary,
    decide_appeal,
    file_appeal,
    file_ban_appeal,
    file_report_appeal,
)
from freigabe.compliance.notifications import send_data_link_on_commit
from freigabe.compliance.privacy import data_for_comment_author
from freigabe.compliance.queues import pending_appeals, reported_comments
from freigabe.compliance.reports import (
    NoticeAlreadyResolved,
    NoticeNotFound,
    ReportRefused,
    decide_report_group,
    file_report,
)
from freigabe.http import ApiId, client_ip, ip_hash, language_of
from freigabe.moderation.decisions import AlreadyDecided, DecisionError
from freigabe.tokens import secret_matches

router = Router(tags=["compliance"])

DEFAULT_REPORT_RATE = "10/600"
DATA_LINK_RATE = "1/3600"


class ReportIn(Schema):
    reason: str = Field(max_length=40)
    legal_ground: str = Field(default="", max_length=40)
    explanation: str = Field(max_length=10_000)
    reporter_name: str = Field(default="", max_length=1000)
    reporter_email: str = Field(default="", max_length=254)
    good_faith: bool = False
    language: str = Field(default="", max_length=5)


class AppealIn(Schema):
    explanation: str = Field(max_length=10_000)


class ReportGroupDecisionIn(Schema):
    action: str
    reasons: list[str] = Field(default_factory=list, max_length=10)
    legal_ground: str = Field(default="", max_length=40)
    # With legal_ground "other": the provision, e.g. "§ 201a StGB".
    legal_provision: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class AppealDecisionIn(Schema):
    outcome: str
    note: str = Field(default="", max_length=2000)


# --- readers and authors --------------------------------------------------------------------


@router.post(
    "comments/{comment_id}/reports",
    response={202: dict},
    summary="Report a published comment as illegal or against the house rules",
)
def post_report(request, comment_id: ApiId, payload: ReportIn):
    rate = getattr(settings, "FREIGABE_RATE_REPORTS", DEFAULT_REPORT_RATE)
    wait = ratelimit.hit("report-ip", ip_hash(client_ip(request)), rate)
    if wait:
        return ratelimit.too_many(wait, "reports")
    try:
        report = file_report(
            comment_id,
            reason=payload.reason,
            explanation=payload.explanation,
            legal_ground=payload.legal_ground,
            reporter_name=payload.reporter_name,
            reporter_email=payload.reporter_email,
            good_faith=payload.good_faith,
            language=language_of(payload.language, request.headers.get("Accept-Language")),
        )
    except ReportRefused as refused:
        raise HttpError(refused.status, str(refused)) from None
    return Status(
        202,
        {
            "id": report.pk,
            "status": "received",
            "comment_id": comment_id,
            "group_id": report.notice_id,
            "received_at": report.created_at.isoformat(),
            # Lets the reporter appeal if the editors keep the comment (Art. 20 DSA).
            "reporter_token": reporter_token(report),
            "detail": "Thank you. An editor will review the comment"
            + (" and tell you the outcome by email." if report.reporter_email else "."),
        },
    )


def _author_comment(comment_id, token):
    comment = Comment.objects.select_related("article__site").filter(pk=comment_id).first()
    if comment is None:
        raise HttpError(404, f"Unknown comment {comment_id}.")
    if not secret_matches(token, comment.author_token_hash):
        raise HttpError(403, "The token does not belong to this comment.")
    return comment


@router.post(
    "comments/{comment_id}/appeal",
    response={201: dict},
    summary="Appeal against the rejection or removal of your comment",
)
def post_appeal(request, comment_id: ApiId, payload: AppealIn, token: str = ""):
    return _filed(file_appeal, _author_comment(comment_id, token), payload.explanation)


@router.post(
    "comments/{comment_id}/ban-appeal",
    response={201: dict},
    summary="Appeal against the ban or suspension that covers you",
)
def post_ban_appeal(request, comment_id: ApiId, payload: AppealIn, token: str = ""):
    return _filed(file_ban_appeal, _author_comment(comment_id, token), payload.explanation)


@router.post(
    "reports/{report_id}/appeal",
    response={201: dict},
    summary="Appeal, as the reporter, against the decision to keep the comment",
)
def post_report_appeal(request, report_id: ApiId, payload: AppealIn, token: str = ""):
    report = report_for_token(token, report_id)
    if report is None:
        raise HttpError(403, "The token does not belong to this report.")
    return _filed(file_report_appeal, report, payload.explanation)


def _filed(file, appealed, explanation):
    """File the appeal against `appealed`: 201 with it, or the refusal with its status."""
    try:
        appeal = file(appealed, explanation)
    except AppealError as refused:
        raise HttpError(refused.status, str(refused)) from None
    return Status(201, appeal_summary(appeal))


@router.get("reports/{report_id}/status", summary="The outcome of your report, and any appeal")
def get_report_status(request, report_id: ApiId, token: str = ""):
    report = report_for_token(token, report_id)
    if report is None:
        raise HttpError(403, "The token does not belong to this report.")
    notice = report.notice
    appeal = getattr(report, "appeal", None)
    return {
        "id": report.pk,
        "state": notice.state,
        "outcome": notice.outcome or None,
        "note": notice.note,
        "appeal": appeal_summary(appeal) if appeal else None,
    }


@router.get(
    "comments/{comment_id}/my-data", summary="Your data (GDPR Art. 15): this comment's now, the rest by email"
)
def get_my_data(request, comment_id: ApiId, token: str = ""):
    comment = _author_comment(comment_id, token)
    data = data_for_comment_author(comment)
    email = comment.author_email
    # One mail per address and hour at most: the link must not become a way to flood a mailbox.
    if email and not ratelimit.hit("my-data-mail", email.lower(), DATA_LINK_RATE):
        send_data_link_on_commit(comment, language_of("", request.headers.get("Accept-Language")))
        data["author_data_link"] = "sent to the comment's email address"
    return data


# --- editors -----------------------------------------------------------------------------------


@router.get("moderation/reports", auth=editor_auth, summary="Open report groups, most urgent first")
def get_report_groups(request, limit: int = 50, site: str | None = None):
    require_editor(request)
    notices = reported_comments(site=site)
    limit = min(max(limit, 1), 500)
    return {"count": notices.count(), "groups": [_group(n) for n in notices[:limit]]}


def _group(notice):
    comment = notice.comment
    return {
        "id": notice.pk,
        "comment": {
            "id": comment.pk,
            "body": comment.body,
            "author_name": comment.author_name,
            "site": comment.article.site.slug,
            "article_id": comment.article.external_id,
            "article_title": comment.article.title,
            "status": comment.status,
        },
        "report_count": notice.report_count,
        "alleges_illegality": notice.alleges_illegality,
        "first_reported_at": notice.created_at,
        "reports": [
            {
                "id": r.pk,
                "reason": r.reason,
                "legal_ground": r.legal_ground,
                "explanation": r.explanation,
                "created_at": r.created_at,
            }
            for r in notice.reports.all()
        ],
    }


@router.post(
    "moderation/reports/{group_id}/decision",
    auth=editor_auth,
    summary="Resolve a report group: remove the comment or keep it",
)
def post_report_group_decision(request, group_id: ApiId, payload: ReportGroupDecisionIn):
    require_editor(request)
    try:
        notice = decide_report_group(
            group_id,
            payload.action,
            actor=request.auth,
            reasons=payload.reasons,
            legal_ground=payload.legal_ground,
            legal_provision=payload.legal_provision,
            note=payload.note,
        )
    except NoticeNotFound as exc:
        raise HttpError(404, str(exc)) from None
    except (AlreadyDecided, NoticeAlreadyResolved) as exc:
        raise HttpError(409, str(exc)) from None
    except DecisionError as exc:  # unknown action, reason or legal ground
        raise HttpError(422, str(exc)) from None
    return {
        "id": notice.pk,
        "outcome": notice.outcome,
        "comment_id": notice.comment_id,
        "comment_status": notice.comment.status,
        "decision_id": notice.decision_id,
        "resolved_at": notice.resolved_at,
    }


@router.get("moderation/appeals", auth=editor_auth, summary="Open appeals, oldest first")
def get_appeals(request, site: str | None = None):
    _require_appeal_permission(request)
    appeals = pending_appeals(site=site)
    return {"count": appeals.count(), "appeals": [_appeal(a) for a in appeals[:500]]}


def _appeal(appeal):
    return {
        **appeal_summary(appeal),
        "explanation": appeal.explanation,
        "comment": {
            "id": appeal.comment_id,
            "body": appeal.comment.body,
            "status": appeal.comment.status,
            "article_title": appeal.comment.article.title,
        },
        "decision": _appealed(appeal),
    }


def _appealed(appeal):
    """What the appeal is against: the decision, the ban, or the decision to keep."""
    kind = appeal.kind
    if kind == "decision":
        decision = appeal.decision
        return {
            "id": decision.pk,
            "action": decision.action,
            "reasons": decision.reasons,
            "note": decision.note,
            "decided_at": decision.created_at,
            "decided_by": decision.actor.username if decision.actor else None,
        }
    if kind == "ban":
        ban = appeal.restriction.ban
        return {
            "id": ban.pk,
            "action": "ban" if ban.ends_at is None else "suspension",
            "reasons": appeal.restriction.reasons,
            "note": ban.reason,
            "decided_at": ban.created_at,
            "ends_at": ban.ends_at,
            "decided_by": ban.created_by.username if ban.created_by else None,
        }
    notice = appeal.report.notice
    return {
        "id": notice.pk,
        "action": "keep",
        "reasons": [],
        "note": notice.note,
        "decided_at": notice.resolved_at,
        "decided_by": notice.resolved_by.username if notice.resolved_by else None,
    }


@router.post(
    "moderation/appeals/{appeal_id}/decision",
    auth=editor_auth,
    summary="Uphold or reverse the decision appealed against (senior editors)",
)
def post_appeal_decision(request, appeal_id: ApiId, payload: AppealDecisionIn):
    _require_appeal_permission(request)
    try:
        appeal = decide_appeal(appeal_id, payload.outcome, actor=request.auth, note=payload.note)
    except AppealError as exc:
        raise HttpError(exc.status, str(exc)) from None
    except DecisionError as exc:
        raise HttpError(409, str(exc)) from None
    return {**appeal_summary(appeal), "comment_status": appeal.comment.status}


def _require_appeal_permission(request):
    require_permission(request, "moderation.decide_appeal", "Only a senior editor may decide appeals.")
