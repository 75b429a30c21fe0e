"""Readers recommend released comments ("Empfehlen"), once per reader and comment.

Who a reader is: a signed-in reader by their single sign-on identity at the publisher,
a guest by the random token their widget keeps. Only a keyed hash of either is stored, so
the table says nothing about who recommended what. A guest who clears the token gets a new
identity; to keep a single address from stuffing a count that way, at most
GUEST_TOKENS_PER_ADDRESS guest recommendations per comment come from one address.

The count lives on the comment and changes in the same transaction as the row, so the
public thread never counts rows; the thread version is bumped with it (a new ETag).
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from freigabe.comments.cache import bump_thread_version
from freigabe.comments.models import Comment, Recommendation, Status

GUEST_TOKENS_PER_ADDRESS = 3
GUEST_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


class NotRecommendable(LookupError):
    """The comment does not exist or is not public (404: pending ones stay invisible)."""


class BadReader(ValueError):
    """The request does not say who the reader is (422)."""


def guest_key(token):
    if not GUEST_TOKEN.match(token or ""):
        raise BadReader(
            "Send the reader token the widget keeps (16 to 128 letters, digits, "
            "'-' or '_') in the X-Freigabe-Reader header or as reader_token."
        )
    return _keyed("guest", token)


def signed_in_key(site_slug, external_id):
    return _keyed("sso", f"{site_slug}:{external_id}")


def _keyed(kind, value):
    key = hashlib.sha256(("recommendation-reader:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def released_comment(comment_id):
    comment = (
        Comment.objects.select_related("article__site").filter(pk=comment_id, status=Status.RELEASED).first()
    )
    if comment is None:
        raise NotRecommendable(f"Comment {comment_id} is not published.")
    return comment


def recommend(comment, reader_key, ip_hash=""):
    """Count the reader's recommendation once; return the comment's count."""
    with transaction.atomic():
        if ip_hash and _address_used_up(comment, ip_hash):
            return _count(comment)
        try:
            with transaction.atomic():
                Recommendation.objects.create(comment=comment, reader_key=reader_key, ip_hash=ip_hash)
        except IntegrityError:  # recommended before: the same count, nothing changes
            return _count(comment)
        return _change(comment, +1)


def take_back(comment, reader_key):
    """Remove the reader's recommendation if there is one; return the comment's count."""
    with transaction.atomic():
        deleted, _ = Recommendation.objects.filter(comment=comment, reader_key=reader_key).delete()
        if not deleted:
            return _count(comment)
        return _change(comment, -1)


def _address_used_up(comment, ip_hash):
    used = Recommendation.objects.filter(comment=comment, ip_hash=ip_hash).count()
    return used >= GUEST_TOKENS_PER_ADDRESS


def _change(comment, delta):
    Comment.objects.filter(pk=comment.pk).update(recommendations=F("recommendations") + delta)
    bump_thread_version(comment.article_id)
    return _count(comment)


def _count(comment):
    return Comment.objects.values_list("recommendations", flat=True).get(pk=comment.pk)
