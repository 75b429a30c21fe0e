"""Short claims on pending comments, so that two editors don't read the same one at once.

An editor holds at most one claim: opening the next comment lets go of the previous one.
A claim is taken when an editor opens a comment or starts acting on it (the reason picker),
never when the keyboard cursor merely passes; how long it runs is a site setting.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from freigabe.articles.models import Site
from freigabe.moderation.models import Claim

CLAIM_DURATION = timedelta(minutes=2)
CLAIM_MINUTES_RANGE = (1, 30)
# Kept with the site's other workspace settings (Site.assessor_settings).
CLAIM_MINUTES_KEY = "claim_minutes"


def claim_duration(site):
    """How long a claim on one of the site's comments runs (default two minutes)."""
    minutes = (getattr(site, "assessor_settings", None) or {}).get(CLAIM_MINUTES_KEY)
    low, high = CLAIM_MINUTES_RANGE
    if isinstance(minutes, int) and low <= minutes <= high:
        return timedelta(minutes=minutes)
    return CLAIM_DURATION


@dataclass(frozen=True)
class ClaimResult:
    claimed: bool
    holder: object  # the user who holds the claim now (the editor, or a colleague)
    expires_at: object


def claim(comment_id, editor, *, now=None):
    """Claim the comment for `editor` unless a colleague's claim is still running."""
    now = now or timezone.now()
    site = Site.objects.filter(articles__comments__pk=comment_id).first()
    expires_at = now + claim_duration(site)
    with transaction.atomic():
        Claim.objects.filter(editor=editor).exclude(comment_id=comment_id).delete()
        # Take over a claim that is ours or has run out; otherwise create one. The unique
        # comment column makes the second of two simultaneous creators fail, not both win.
        taken = (
            Claim.objects.filter(comment_id=comment_id)
            .filter(Q(editor=editor) | Q(expires_at__lte=now))
            .update(editor=editor, claimed_at=now, expires_at=expires_at)
        )
        if not taken:
            try:
                with transaction.atomic():
                    Claim.objects.create(
                        comment_id=comment_id, editor=editor, claimed_at=now, expires_at=expires_at
                    )
                taken = 1
            except IntegrityError:
                taken = 0
    if taken:
        return ClaimResult(True, editor, expires_at)
    current = Claim.objects.select_related("editor").filter(comment_id=comment_id).first()
    if current is None:  # the colleague's claim ended in the meantime
        return claim(comment_id, editor, now=now)
    return ClaimResult(False, current.editor, current.expires_at)


def release_claims(editor):
    Claim.objects.filter(editor=editor).delete()


def claimed_by_colleague(comment_id, editor, *, now=None):
    """The colleague holding a running claim on the comment, or None."""
    current = (
        Claim.objects.active(now)
        .select_related("editor")
        .filter(comment_id=comment_id)
        .exclude(editor=editor)
        .first()
    )
    return current.editor if current else None


def comments_claimed_by_others(editor, *, now=None):
    return Claim.objects.active(now).exclude(editor=editor).values("comment_id")


def claimed_by_colleagues(comment_ids, editor, *, now=None):
    """The ids among `comment_ids` that colleagues hold running claims on (one query)."""
    return set(
        comments_claimed_by_others(editor, now=now)
        .filter(comment_id__in=comment_ids)
        .values_list("comment_id", flat=True)
    )
