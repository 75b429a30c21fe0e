"""Editors' notes on authors: dated, found again by account, email or IP hash (as bans)."""

from django.db import transaction
from django.utils.translation import gettext as _

from freigabe.moderation import audit
from freigabe.moderation.bans import identity_q, normalised_value
from freigabe.moderation.models import AuthorNote, BanKind

MAX_NOTE_CHARS = 2000
SHOWN_NOTES = 20


class NoteError(Exception):
    """The note cannot be added; the message says why."""


def add_note(kind, value, body, *, actor=None):
    """Leave a note on the author identified by `kind` and `value`."""
    if kind not in BanKind.values:
        raise NoteError(_("Unbekannte Art der Autorenkennung."))
    value = normalised_value(kind, value)
    body = (body or "").strip()
    if not value:
        raise NoteError(_("Sagen Sie, zu wem die Notiz gehört."))
    if not body:
        raise NoteError(_("Die Notiz ist leer."))
    if len(body) > MAX_NOTE_CHARS:
        raise NoteError(_("Eine Notiz hat höchstens %(n)s Zeichen.") % {"n": MAX_NOTE_CHARS})
    with transaction.atomic():
        note = AuthorNote.objects.create(kind=kind, value=value, body=body, created_by=_user(actor))
        # The note's number, not the author's address: erasing the author erases the note,
        # and the audit log must not keep what the erasure took away.
        audit.record(actor, "note.add", f"note:{note.pk}", kind=kind)
    return note


def notes_for_author(*, account="", email="", ip_hash=""):
    """Notes on any of these identities, newest first; none without an identity."""
    return AuthorNote.objects.filter(
        identity_q(account=account, email=email, ip_hash=ip_hash)
    ).select_related("created_by")


def note_data(note):
    """A note as the author's GDPR export shows it (the editor's name is not theirs)."""
    return {"kind": note.kind, "created_at": note.created_at.isoformat(), "body": note.body}


def erase_notes(*, accounts=(), emails=(), ip_hashes=()):
    """Delete every note on these identities (GDPR erasure); return how many."""
    found = AuthorNote.objects.none()
    for account in accounts:
        found |= notes_for_author(account=account)
    for email in emails:
        found |= notes_for_author(email=email)
    for ip_hash in ip_hashes:
        found |= notes_for_author(ip_hash=ip_hash)
    deleted, _counts = AuthorNote.objects.filter(pk__in=found.values("pk")).delete()
    return deleted


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def note_counts(comments):
    """{comment id: number of notes on its author} for a page of cards, in one query."""
    identities = {
        comment.pk: {
            "account": comment.author_external_id or "",
            "email": (comment.author_email or "").lower(),
            "ip_hash": comment.ip_hash or "",
        }
        for comment in comments
    }
    wanted = {("account", ids["account"]) for ids in identities.values() if ids["account"]}
    wanted |= {("email", ids["email"]) for ids in identities.values() if ids["email"]}
    wanted |= {("ip", ids["ip_hash"]) for ids in identities.values() if ids["ip_hash"]}
    if not wanted:
        return {}
    found = AuthorNote.objects.none()
    for kind in ("account", "email", "ip"):
        values = [value for k, value in wanted if k == kind]
        if values:
            found |= AuthorNote.objects.filter(kind=kind, value__in=values)
    notes = list(found.values_list("pk", "kind", "value"))
    counts = {}
    for comment_id, ids in identities.items():
        mine = {("account", ids["account"]), ("email", ids["email"]), ("ip", ids["ip_hash"])}
        counts[comment_id] = sum(1 for _pk, kind, value in notes if value and (kind, value) in mine)
    return {comment_id: n for comment_id, n in counts.items() if n}
