"""What the workspace tells an editor when a domain function refuses, in their language.

The domain modules (decisions, bans, picks, newsroom) raise errors with an English message
for the API and a stable `code` with its `params`; this is the one place that turns a code
into a sentence for the moderator pages. An error without a known code is shown as it is.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from freigabe.comments.models import Status

MESSAGES = {
    "comment_not_found": _("Den Kommentar #%(id)s gibt es nicht."),
    "already_decided": _(
        "Kommentar #%(id)s ist bereits %(status)s und kann so nicht mehr entschieden werden."
    ),
    "nothing_to_undo": _("Es gibt keine Entscheidung von Ihnen, die rückgängig gemacht werden kann."),
    "not_latest": _("Nur Ihre letzte Entscheidung kann rückgängig gemacht werden."),
    "undo_too_late": _(
        "Entscheidungen lassen sich nur innerhalb von %(seconds)s Sekunden rückgängig machen."
    ),
    "changed_since": _(
        "Der Kommentar wurde inzwischen geändert; die Entscheidung lässt sich nicht mehr rückgängig machen."
    ),
    "already_undone": _("Diese Entscheidung ist bereits rückgängig gemacht."),
    "unknown_action": _("Unbekannte Aktion „%(action)s“."),
    "unknown_reasons": _("Unbekannte Ablehnungsgründe: %(codes)s."),
    "reason_needed": _("Für eine Ablehnung oder Entfernung braucht es mindestens einen Grund."),
    "unknown_kind": _("Unbekannte Art der Sperre „%(kind)s“."),
    "whom": _("Bitte angeben, wer gesperrt werden soll."),
    "ban_reason_needed": _("Eine Sperre braucht eine Begründung."),
    "too_short": _("Eine befristete Sperre dauert mindestens einen Tag."),
    "not_active": _("Diese Sperre gibt es nicht oder sie ist bereits aufgehoben."),
    "pick_not_released": _(
        "Kommentar #%(id)s ist nicht freigegeben; nur freigegebene "
        "Kommentare können Redaktionsempfehlung sein."
    ),
    "reply_empty": _("Die Antwort ist leer."),
    "reply_too_long": _("Die Antwort ist länger als %(limit)s Zeichen."),
    "reply_not_released": _(
        "Kommentar #%(id)s ist nicht freigegeben; die Redaktion antwortet nur auf freigegebene Kommentare."
    ),
}


def shown_error(error, messages=MESSAGES):
    """The refusal `error` as a sentence in the active language (`messages`: code -> text;
    another app passes its own codes with these)."""
    message = messages.get(getattr(error, "code", ""))
    if message is None:
        return str(error)
    params = dict(getattr(error, "params", {}) or {})
    if "status" in params:  # a status code, named as the editor knows it
        params["status"] = (
            Status(params["status"]).label if params["status"] in Status.values else params["status"]
        )
    if isinstance(params.get("date"), date):  # a date as the reader writes it
        params["date"] = date_format(params["date"], "SHORT_DATE_FORMAT")
    return str(message) % params
