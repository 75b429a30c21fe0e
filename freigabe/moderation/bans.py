"""Suspending and banning authors, by account, email address or IP hash."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from freigabe.moderation import audit, extensions
from freigabe.moderation.models import Ban, BanKind

# Offered durations in days; None is a permanent ban.
DURATIONS = (1, 7, 30, 90, None)


class BanError(Exception):
    """The ban cannot be imposed or lifted; the message says why (in English, for the API).

    `code` and `params` let the workspace say it in the editor's language.
    """

    def __init__(self, message, code="", **params):
        super().__init__(message)
        self.code, self.params = code, params


def normalised_value(kind, value):
    value = str(value or "").strip()
    return value.lower() if kind == BanKind.EMAIL else value


def impose_ban(kind, value, *, reason, days=None, actor=None, now=None):
    """Suspend (for `days`) or ban (days=None) the author identified by `kind` and `value`."""
    if kind not in BanKind.values:
        raise BanError(f"Unknown kind of ban '{kind}'.", "unknown_kind", kind=kind)
    value = normalised_value(kind, value)
    reason = (reason or "").strip()
    if not value:
        raise BanError("Say whom to ban.", "whom")
    if not reason:
        raise BanError("A ban needs a reason.", "ban_reason_needed")
    if days is not None and int(days) <= 0:
        raise BanError("A suspension lasts at least one day.", "too_short")
    now = now or timezone.now()
    with transaction.atomic():
        ban = Ban.objects.create(
            kind=kind,
            value=value,
            reason=reason,
            created_by=_user(actor),
            ends_at=now + timedelta(days=int(days)) if days is not None else None,
        )
        # A ban is a decision (DSA Art. 17): its statement of reasons, mail and submission.
        extensions.record_ban(ban)
        audit.record(
            actor, "ban.impose", f"{kind}:{_shown(kind, value)}", ban=ban.pk, days=days, reason=reason
        )
    return ban


def lift_ban(ban_id, *, actor=None, reason=""):
    with transaction.atomic():
        now = timezone.now()
        lifted = Ban.objects.filter(pk=ban_id, lifted_at__isnull=True).update(
            lifted_at=now, lifted_by=_user(actor), lift_reason=(reason or "").strip()
        )
        if not lifted:
            raise BanError("This ban does not exist or has already been lifted.", "not_active")
        ban = Ban.objects.get(pk=ban_id)
        audit.record(
            actor, "ban.lift", f"{ban.kind}:{_shown(ban.kind, ban.value)}", ban=ban.pk, reason=ban.lift_reason
        )
    return ban


def ban_identities(*, account="", email="", ip_hash=""):
    """The (kind, value) pairs a ban on this author is stored under, for the identities given."""
    given = ((BanKind.ACCOUNT, account), (BanKind.EMAIL, email), (BanKind.IP, ip_hash))
    return [(kind.value, normalised_value(kind, value)) for kind, value in given if value]


def active_bans(now=None):
    now = now or timezone.now()
    return Ban.objects.filter(lifted_at__isnull=True).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


def identity_q(*, account="", email="", ip_hash=""):
    """The Q for bans on any of these author identities; it matches nothing without one.

    `account` is the reader's account id: the publisher's reader id from single sign-on.
    """
    identities = Q(pk__in=[])
    if account:
        identities |= Q(kind=BanKind.ACCOUNT, value=str(account))
    if email:
        identities |= Q(kind=BanKind.EMAIL, value=normalised_value(BanKind.EMAIL, email))
    if ip_hash:
        identities |= Q(kind=BanKind.IP, value=ip_hash)
    return identities


def active_ban_for(*, account="", email="", ip_hash="", now=None):
    """The running ban that covers this author, or None. Checked at every submission."""
    if not (account or email or ip_hash):
        return None
    identities = identity_q(account=account, email=email, ip_hash=ip_hash)
    return active_bans(now).filter(identities).order_by("ends_at").first()


def refusal_message(ban):
    if ban.ends_at is None:
        return "You are banned from commenting; the statement of reasons says why."
    until = timezone.localtime(ban.ends_at)
    return (
        f"You are suspended from commenting until {until:%Y-%m-%d %H:%M} "
        f"({until.tzname()}); the statement of reasons says why."
    )


def bans_for_author(*, account="", email="", ip_hash=""):
    """All bans, running or not, that concern this author (for the author's history)."""
    identities = identity_q(account=account, email=email, ip_hash=ip_hash)
    return Ban.objects.filter(identities).select_related("created_by", "lifted_by")


def _shown(kind, value):
    # IP hashes are long and meaningless to people; a prefix identifies them in the log.
    return value[:12] if kind == BanKind.IP else value


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
