"""Submitting comments (the public thread is read in thread.py)."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

import freigabe.assessment
from freigabe.articles.models import Article, Site
from freigabe.articles.rules import ASSESSED_RULES
from freigabe.articles.site_models import active_scorer
from freigabe.assessment.rules.advertising import link_domains
from freigabe.assessment.site_model import combine
from freigabe.comments import extensions
from freigabe.comments.intake import body_digest, refusal_facts, store_comment
from freigabe.comments.models import Comment, Status
from freigabe.comments.names import reserved_name_refusal
from freigabe.comments.waiting import as_json as wait_json
from freigabe.comments.waiting import estimate_for_submission, promise_fields
from freigabe.tokens import hash_secret, new_secret

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 80
DUPLICATE_WINDOW = timedelta(minutes=30)
RECENT_LINKS_WINDOW = timedelta(hours=24)
RECENT_LINKS_COMMENTS = 300


class SubmissionRefused(Exception):
    """A comment that cannot be accepted: the HTTP status and a stable code for clients."""

    def __init__(
        self, message: str, status: int = 422, code: str = "invalid", details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details = details or {}  # more for the answer, e.g. a ban's statement of reasons


@dataclass(frozen=True)
class Submission:
    comment: Comment
    author_token: str
    expected_wait_seconds: int
    # expected_wait_seconds, expected_wait_range [low, high], review_resumes_at
    wait: dict | None = None


def clean_text(text: str) -> str:
    """Drop control characters a browser would never send, keep line breaks and tabs."""
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " " and ch != "\x7f").strip()


def submit_comment(
    article: Article,
    *,
    body: str,
    author_name: str,
    author_email: str = "",
    parent_id: int | None = None,
    ip_hash: str = "",
    author_external_id: str = "",
    bot_check_passed: bool | None = None,
) -> Submission:
    """Hold a new comment as pending and assess it. Raises SubmissionRefused for bad input."""
    if article.closed_reason() is not None:
        raise SubmissionRefused("Comments on this article are closed.", status=409, code="comments_closed")
    body = clean_text(body or "")
    author_name = clean_text(author_name or "")
    author_email = (author_email or "").strip()
    _check_fields(body, author_name, author_email)
    _refuse_reserved_name(article.site, author_name)
    # Ban and double post looked up in one round trip; refused in this order.
    now = timezone.now()
    ban_id, duplicate = refusal_facts(
        account=author_external_id,
        email=author_email,
        ip_hash=ip_hash,
        body=body,
        since=now - DUPLICATE_WINDOW,
        now=now,
    )
    if ban_id is not None:
        _refuse_banned_author(author_external_id, author_email, ip_hash)
    parent = _released_parent(article, parent_id)
    if duplicate:
        raise SubmissionRefused(
            "You have already sent this comment; it is waiting for review.", status=409, code="duplicate"
        )
    token = new_secret()
    links = _link_domains(body)
    assessment = _assess(article, body, parent, links)
    # Estimated before the comment joins the queue: the comments ahead of it in triage order.
    suggestion = (assessment or {}).get("decision", "review")
    wait, ahead = estimate_for_submission(article.site, suggestion)
    comment = Comment(
        article=article,
        parent=parent,
        author_name=author_name,
        author_email=author_email,
        author_external_id=author_external_id,
        body=body,
        status=Status.PENDING,
        assessment=assessment,
        model_version=(assessment or {}).get("model_version", ""),
        risk=_risk(assessment),
        **rule_score_fields(assessment),
        suggestion=suggestion,
        **promise_fields(wait, ahead),
        ip_hash=ip_hash,
        link_domains=links,
        bot_check_passed=bot_check_passed,
        author_token_hash=hash_secret(token),
        body_digest=body_digest(body),
    )
    store_comment(comment)
    if _may_skip_queue(article.site, comment):
        _release_automatically(comment)
        return Submission(
            comment,
            token,
            0,
            {"expected_wait_seconds": 0, "expected_wait_range": [0, 0], "review_resumes_at": None},
        )
    return Submission(comment, token, wait.seconds, wait_json(wait))


def _may_skip_queue(site: Site, comment: Comment) -> bool:
    """Only where a site's admin turned it on (off by default), and only after the widget's
    bot check passed: a script that skips the proof of work always waits for an editor."""
    return comment.bot_check_passed is True and extensions.may_skip_queue(site, comment.suggestion)


def _release_automatically(comment: Comment) -> None:
    """Publish at once, recorded as an automated decision like any other status change."""
    decision = extensions.release_automatically(
        comment.pk,
        note="Ohne Prüfung veröffentlicht: Die Website lässt Kommentare, die der "
        "Assistent zur Freigabe vorschlägt, die Warteschlange überspringen.",
    )
    comment.status, comment.decided_at = decision.to_status, decision.created_at


def _check_fields(body: str, author_name: str, author_email: str) -> None:
    limit = settings.FREIGABE_MAX_COMMENT_CHARS
    if not body:
        raise SubmissionRefused("The comment is empty.")
    if len(body) > limit:
        raise SubmissionRefused(
            f"The comment is longer than {limit} characters.", status=413, code="too_long"
        )
    if not author_name:
        raise SubmissionRefused("Please give a name.")
    if len(author_name) > MAX_NAME_CHARS:
        raise SubmissionRefused(f"The name is longer than {MAX_NAME_CHARS} characters.")
    if author_email:
        try:
            validate_email(author_email)
        except ValidationError:
            raise SubmissionRefused("The email address is not valid.") from None


def _refuse_reserved_name(site: Site, author_name: str) -> None:
    refusal = reserved_name_refusal(site, author_name)
    if refusal:
        raise SubmissionRefused(refusal, code="reserved_name")


def _refuse_banned_author(account: str, author_email: str, ip_hash: str) -> None:
    ban = extensions.active_ban(account=account, email=author_email, ip_hash=ip_hash)
    if ban is not None:
        raise SubmissionRefused(
            extensions.ban_refusal_message(ban),
            status=403,
            code="author_banned",
            details=extensions.ban_refusal_details(ban),
        )


def _released_parent(article: Article, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id, article=article).first()
    if parent is None or parent.status != Status.RELEASED:
        raise SubmissionRefused("The comment you reply to does not exist on this article.")
    return parent


def _assess(article: Article, body: str, parent: Comment | None, links: list[str]) -> dict[str, Any] | None:
    """Assess the comment; a failing assessor must never cost us the comment."""
    try:
        policy = _site_policy(article)
        result = freigabe.assessment.assess(  # looked up here, so tests can make it fail
            body,
            article=f"{article.title}\n\n{article.body}" if article.body else None,
            parent=parent.body if parent else None,
            site_policy=policy,
            # Only a link in this comment is compared with recent ones: none, no lookup.
            recent_links=_recent_link_domains(article.site) if links else None,
        )
        try:
            # The site's own model (loaded once per site and version) adds its editors' standard.
            if getattr(article, "has_site_model", True):
                result = combine(result, active_scorer(article.site), body, policy)
        except Exception:  # noqa: BLE001 - a broken site model must not cost the general assessment
            log.exception("site model failed; using the general assessment")
        return result.to_dict()
    except Exception:  # noqa: BLE001 - the comment is kept and reviewed without a suggestion
        log.exception("assessment failed; comment kept for manual review")
        return None


def _site_policy(article: Article) -> dict[str, Any]:
    """The site's assessor settings, knowing the publisher's own domains (not advertising)."""
    policy = dict(article.site.assessor_settings or {})
    own = {urlsplit(origin).hostname for origin in article.site.allowed_origins}
    own.add(urlsplit(article.url).hostname)
    policy["site_domains"] = sorted({*policy.get("site_domains", ()), *filter(None, own)})
    return policy


def _recent_link_domains(site: Site) -> list[str]:
    since = timezone.now() - RECENT_LINKS_WINDOW
    rows = (
        Comment.objects.filter(article__site=site, created_at__gte=since)
        .exclude(link_domains=[])
        .order_by("-created_at")
        .values_list("link_domains", flat=True)[:RECENT_LINKS_COMMENTS]
    )
    return [domain for domains in rows for domain in domains]


def _link_domains(body: str) -> list[str]:
    try:
        return sorted(set(link_domains(body)))[:20]
    except Exception:  # noqa: BLE001 - a helper for spam detection must not block a comment
        log.exception("link extraction failed")
        return []


def rule_score_fields(assessment: dict[str, Any] | None) -> dict[str, float]:
    """The assessment's rule scores as the Comment's score_<rule> fields."""
    rules = (assessment or {}).get("rules") or {}
    return {f"score_{code}": float(rules[code]["score"]) for code in ASSESSED_RULES if code in rules}


def _risk(assessment: dict[str, Any] | None) -> float:
    if not assessment:
        return 1.0  # unknown: treat as needing a careful look
    return max((rule["score"] for rule in assessment["rules"].values()), default=0.0)
