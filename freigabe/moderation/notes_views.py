"""Editors' notes on a comment's author, added beside the comment (queue card or its page)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from freigabe.accounts.access import editor_required
from freigabe.comments.models import Comment
from freigabe.moderation.authors import author_identities
from freigabe.moderation.notes import NoteError, add_note, notes_for_author

# The identities a note may be filed under: the form names one of the comment's own.
NOTE_KINDS = {"account": "account", "email": "email", "ip": "ip_hash"}


@editor_required
@require_POST
def add_author_note(request, pk):
    """File a note under one of this comment's author identities (never a typed-in value)."""
    comment = get_object_or_404(Comment, pk=pk)
    identities = author_identities(comment)
    kind = request.POST.get("kind", "")
    value = identities.get(NOTE_KINDS.get(kind, ""), "")
    error = None
    if not value:
        error = _("Zu dieser Kennung gibt es bei diesem Kommentar keinen Wert.")
    else:
        try:
            add_note(kind, value, request.POST.get("body", ""), actor=request.user)
        except NoteError as refused:
            error = str(refused)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "moderation/_author_notes.html",
            {
                "comment": comment,
                "identities": identities,
                "note_error": error,
                "notes": list(notes_for_author(**identities)),
            },
            status=200 if error is None else 422,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Notiz gespeichert."))
    return redirect("moderation:comment", pk=pk)
