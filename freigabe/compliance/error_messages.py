"""What the pages tell an editor, author or reporter when an appeal or a report decision
is refused, in their language.

appeals.py and reports.py raise errors with an English message for the API and a stable
`code` with its `params`, as moderation's decisions do; the codes of those decisions (a
report's removal goes through decide()) are moderation's, and read as it words them.
"""

from django.utils.translation import gettext_lazy as _

from freigabe.moderation import error_messages as moderation_messages

MESSAGES = {
    **moderation_messages.MESSAGES,
    # appeals
    "not_appealable": _(
        "Kommentar #%(id)s ist %(state)s; nur gegen eine Ablehnung oder Entfernung ist eine "
        "Beschwerde möglich."
    ),
    "no_ban": _("Es gibt keine laufende Sperre, gegen die Sie Beschwerde einlegen könnten."),
    "ban_lifted": _("Diese Sperre ist bereits aufgehoben."),
    "ban_without_comment": _(
        "Zu dieser Sperre liegt uns kein Kommentar vor; bitte schreiben Sie der Redaktion."
    ),
    "report_not_kept": _(
        "Als meldende Person können Sie nur gegen die Entscheidung Beschwerde einlegen, einen "
        "gemeldeten Kommentar beizubehalten."
    ),
    "explanation_missing": _("Bitte begründen Sie, warum die Entscheidung überprüft werden soll."),
    "explanation_too_long": _("Die Begründung ist länger als %(limit)s Zeichen."),
    "window_closed": _("Die Frist von sechs Monaten für eine Beschwerde endete am %(date)s."),
    "already_appealed": _("Gegen diese Entscheidung ist bereits Beschwerde eingelegt."),
    "unknown_outcome": _("Unbekanntes Ergebnis „%(outcome)s“."),
    "senior_only": _("Über Beschwerden entscheidet nur die leitende Redaktion."),
    "own_decision": _(
        "Sie haben die angefochtene Entscheidung getroffen; eine andere Person der leitenden "
        "Redaktion muss die Beschwerde prüfen."
    ),
    "appeal_reason_needed": _(
        "Bitte begründen Sie Ihre Entscheidung über die Beschwerde; die Person, die sie "
        "eingelegt hat, erfährt die Begründung."
    ),
    "appeal_not_found": _("Die Beschwerde #%(id)s gibt es nicht."),
    "appeal_decided": _("Über die Beschwerde #%(id)s ist bereits entschieden."),
    # report decisions
    "unknown_legal_ground": _("Unbekannte Rechtsgrundlage „%(ground)s“."),
    "provision_needed": _(
        "Bei „Sonstige Rechtsvorschrift“ nennen Sie bitte die Vorschrift (z. B. § 201a StGB)."
    ),
    "notice_not_found": _("Die Meldung #%(id)s gibt es nicht."),
    "notice_resolved": _("Die Meldung #%(id)s ist bereits erledigt."),
}


def shown_error(error):
    """The refusal `error` as a sentence in the active language."""
    return moderation_messages.shown_error(error, MESSAGES)
