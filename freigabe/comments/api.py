"""Public comment API: submit (held as pending), list released comments, author status."""

from django.conf import settings
from django.http import JsonResponse
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from freigabe import ratelimit
from freigabe.accounts.sso import SsoError, verify_reader_token
from freigabe.comments import botcheck
from freigabe.comments.cache import cached_page_etag
from freigabe.comments.intake import article_for_submission
from freigabe.comments.models import Comment
from freigabe.comments.responses import not_modified, public_json
from freigabe.comments.schemas import ThreadPage
from freigabe.comments.services import SubmissionRefused, submit_comment
from freigabe.comments.signals import outcome_mail_requested, reply_mails_requested
from freigabe.comments.status import author_status
from freigabe.comments.thread import (
    DEFAULT_ORDER,
    CommentNotInThread,
    PageRequest,
    PageRequestError,
    page_cache_part,
    thread_article,
    thread_page,
)
from freigabe.errors import ApiError
from freigabe.http import ApiId, BodyId, client_ip, ip_hash, language_of
from freigabe.tokens import secret_matches

router = Router(tags=["comments"])

# Compared against when the id is unknown, so both refusals cost the same hash comparison.
UNKNOWN_HASH = "0" * 64


class CommentIn(Schema):
    body: str = Field(max_length=100_000)
    # Guests give a name; readers signed in at the publisher send its token instead.
    author_name: str = Field(default="", max_length=1000)
    sso_token: str = Field(default="", max_length=8000)
    author_email: str = Field(default="", max_length=254)
    parent_id: BodyId | None = None
    # Bot check: a field people never see (must stay empty) and the widget's proof of work.
    website: str = Field(default="", max_length=200)
    proof: dict | None = None
    # Opt-in to one email about the outcome (double opt-in), in German or English.
    notify: bool = False
    # Opt-in to mails about replies to this comment (double opt-in, at most one an hour).
    notify_replies: bool = False
    language: str = Field(default="", max_length=5)


class Accepted(Schema):
    id: int
    status: str
    expected_wait_seconds: int
    # [low, high] seconds; review_resumes_at: when editors are back, if nobody checks now
    expected_wait_range: list[int]
    review_resumes_at: str | None = None
    author_token: str


class Detail(Schema):
    detail: str


def find_article_for_thread(site, article_id):
    article = thread_article(site, article_id)
    if article is None:
        raise HttpError(404, f"Unknown article '{article_id}' on site '{site}'.")
    return article


@router.post(
    "sites/{site}/articles/{article_id}/comments",
    response={202: Accepted, 404: Detail, 409: Detail, 413: Detail, 422: Detail, 429: Detail},
    summary="Submit a comment; it is held until an editor releases it",
)
def post_comment(request, site: str, article_id: str, payload: CommentIn):
    address_hash = ip_hash(client_ip(request))
    limits = [("comment-ip", address_hash, settings.FREIGABE_RATE_COMMENTS)]
    if payload.author_email:
        limits.append(
            ("comment-author", payload.author_email.lower(), settings.FREIGABE_RATE_COMMENTS_PER_AUTHOR)
        )
    wait = ratelimit.hit_all(limits)  # one round trip for both counters
    if wait:
        return ratelimit.too_many(wait, "comments")
    article = article_for_submission(site, article_id)
    if article is None:
        raise HttpError(404, f"Unknown article '{article_id}' on site '{site}'.")
    try:
        passed = botcheck.check(
            (article.site.assessor_settings or {}).get("bot_check", botcheck.DEFAULT_MODE),
            payload.website,
            botcheck.proof_is_valid(site, article_id, payload.body, payload.proof),
        )
    except botcheck.BotCheckFailed as failed:
        raise HttpError(422, str(failed)) from None
    author = {"author_name": payload.author_name, "author_email": payload.author_email}
    if payload.sso_token:
        try:
            reader = verify_reader_token(article.site, payload.sso_token)
        except SsoError as exc:
            raise HttpError(401, str(exc)) from None
        author = {
            "author_name": reader.name,
            "author_email": reader.email,
            "author_external_id": reader.external_id,
        }
    try:
        submission = submit_comment(
            article,
            body=payload.body,
            parent_id=payload.parent_id,
            ip_hash=address_hash,
            bot_check_passed=passed,
            **author,
        )
    except SubmissionRefused as refused:
        if refused.details:
            return JsonResponse(
                {"detail": str(refused), "code": refused.code, **refused.details}, status=refused.status
            )
        raise ApiError(refused.status, str(refused), refused.code) from None
    language = language_of(payload.language, request.headers.get("Accept-Language", ""))
    if payload.notify:
        outcome_mail_requested.send(Comment, comment=submission.comment, language=language)
    if payload.notify_replies and submission.comment.author_email:
        reply_mails_requested.send(Comment, comment=submission.comment, language=language)
    return Status(
        202,
        {
            "id": submission.comment.pk,
            "status": submission.comment.status,
            **submission.wait,
            "author_token": submission.author_token,
        },
    )


@router.get(
    "sites/{site}/articles/{article_id}/comments",
    response={200: ThreadPage, 304: None, 404: Detail, 422: Detail},
    summary="Released comments: a page of top-level threads with their replies",
)
def list_comments(
    request,
    site: str,
    article_id: str,
    order: str = DEFAULT_ORDER,
    limit: str = "",
    cursor: str = "",
    around: str = "",
):
    """`order`: oldest (default), newest, replies, recommended or picks (only threads with
    an editors' pick). `limit`: threads per page (default 50, at most 200). `cursor`: the
    previous page's `next_cursor`. `around`: a comment id; answers the page that holds it.
    Compressed with gzip when the client accepts it; `If-None-Match` answers 304."""
    try:
        page = PageRequest.parse(order, limit, cursor, around)
    except PageRequestError as bad:
        raise HttpError(422, str(bad)) from None
    article = find_article_for_thread(site, article_id)
    closed, closes_at = article.closed_reason(), article.closes_at()
    unchanged = not_modified(request, cached_page_etag(article, page_cache_part(page, closed, closes_at)))
    if unchanged is not None:
        return unchanged
    try:
        body, etag, gzipped = thread_page(article, page, closed, closes_at)
    except CommentNotInThread as missing:
        raise HttpError(404, str(missing)) from None
    return public_json(request, body, etag, gzipped)


@router.get("comments/{comment_id}/status", summary="A comment's status, for its author")
def comment_status(request, comment_id: ApiId, token: str = ""):
    comment = Comment.objects.select_related("article__site").filter(pk=comment_id).first()
    # One answer for an unknown id and a wrong token: ids cannot be probed for existence.
    if not secret_matches(token, comment.author_token_hash if comment else UNKNOWN_HASH):
        raise HttpError(404, "No comment with this id and token.")
    return author_status(comment)
