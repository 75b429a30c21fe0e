"""The assessor's evidence in the editor's language, translated when it is shown.

The assessor stays free of Django and writes its `why` texts in German; fixed texts are
looked up in the gettext catalogue (evidence_catalogue.py lists them), texts with a
domain name or figures in them are recognised here and put together again in the
editor's language.
"""

import re

from django.utils.translation import gettext as _

_OFF_TOPIC = re.compile(
    r"^Bezug (?P<against>zum Artikel und Vorgängerkommentar|zum Artikel): (?P<shared>\d+) von "
    r"(?P<words>\d+) Inhaltswörtern \((?P<coverage>\d+)% gewichtete Überdeckung\); "
    r"gemeinsame Begriffe: (?P<terms>.*)$"
)


def _off_topic(found):
    values = {
        "shared": found["shared"],
        "words": found["words"],
        "coverage": found["coverage"],
        "terms": _("keine") if found["terms"] == "keine" else found["terms"],
    }
    if found["against"] == "zum Artikel":
        return (
            _(
                "Bezug zum Artikel: %(shared)s von %(words)s Inhaltswörtern kommen im Artikel "
                "vor (Übereinstimmung %(coverage)s %%, seltene Wörter zählen mehr); gemeinsame "
                "Begriffe: %(terms)s"
            )
            % values
        )
    return (
        _(
            "Bezug zu Artikel und Vorgängerkommentar: %(shared)s von %(words)s Inhaltswörtern "
            "kommen dort vor (Übereinstimmung %(coverage)s %%, seltene Wörter zählen mehr); "
            "gemeinsame Begriffe: %(terms)s"
        )
        % values
    )


def _domain_texts():
    # (pattern, message) — the domain is the only variable part.
    return (
        (
            r"^fast nur ein Link auf (?P<domain>\S+) \(Werbung\)$",
            _("fast nur ein Link auf %(domain)s (Werbung)"),
        ),
        (r"^fast nur ein Link auf (?P<domain>\S+)$", _("fast nur ein Link auf %(domain)s")),
        (r"^Domain (?P<domain>\S+) ist gesperrt$", _("Domain %(domain)s ist gesperrt")),
        (r"^(?P<domain>\S+) wurde wiederholt gepostet$", _("%(domain)s wurde wiederholt gepostet")),
        (r"^verschleierter Link \((?P<domain>[^)]+)\)$", _("verschleierter Link (%(domain)s)")),
        (
            r"^Kurz-Link verbirgt das Ziel \((?P<domain>[^)]+)\)$",
            _("Kurz-Link verbirgt das Ziel (%(domain)s)"),
        ),
        (r"^Link auf (?P<domain>\S+)$", _("Link auf %(domain)s")),
    )


def shown_why(why):
    """The evidence text `why` in the active language (unknown texts stay as they are)."""
    if not why:
        return ""
    found = _OFF_TOPIC.match(why)
    if found:
        return _off_topic(found)
    for pattern, message in _domain_texts():
        found = re.match(pattern, why)
        if found:
            return message % found.groupdict()
    return _(why)
