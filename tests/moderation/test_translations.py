"""Every user-facing string has its English translation; the German source is the msgid.

The catalogue is extracted afresh (makemessages into a temporary copy of the tree), so a
new {% translate %} or gettext() without an English msgstr fails here, as does an entry
left fuzzy. The assessor's evidence texts (German, from Django-free code) are checked
against the catalogue too.
"""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

import freigabe
from freigabe.moderation.evidence_catalogue import FIXED_WHYS
from freigabe.moderation.evidence_text import shown_why
from freigabe.moderation.evidence_whys import fixed_whys

PACKAGE = Path(freigabe.__file__).resolve().parent
DJANGO_ADMIN = Path(shutil.which("django-admin") or Path(__file__).parents[2] / ".venv/bin/django-admin")


def _entries(po_text):
    """[(msgid, msgstr, flags)] of a .po text (wrapped lines joined)."""
    entries = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        parts, key = {}, None
        for line in lines:
            found = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if found:
                key = found[1]
                parts[key] = found[2]
            elif line.startswith('"') and key:
                parts[key] += line[1:-1]
        if parts.get("msgid"):
            translated = parts.get("msgstr", parts.get("msgstr[0]", ""))
            if "msgid_plural" in parts:
                translated = translated and parts.get("msgstr[1]", "")
            entries.append((parts["msgid"], translated, flags))
    return entries


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    copy = tmp_path_factory.mktemp("tree") / "freigabe"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns(
            "__pycache__", "*.pyc", "models", "vendor", "*.skops", "*.joblib", "*.csv", "*.json"
        ),
    )
    subprocess.run(
        [str(DJANGO_ADMIN), "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return _entries((copy / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8"))


def test_every_extracted_string_has_an_english_translation(extracted):
    assert len(extracted) > 300  # the extraction found the templates and the code
    untranslated = [msgid for msgid, msgstr, _ in extracted if not msgstr]
    assert not untranslated, f"{len(untranslated)} without English: {untranslated[:10]}"


def test_no_translation_is_left_fuzzy(extracted):
    fuzzy = [msgid for msgid, _, flags in extracted if "fuzzy" in flags]
    assert not fuzzy, f"{len(fuzzy)} fuzzy (check and clear the flag): {fuzzy[:10]}"


def test_the_evidence_catalogue_lists_every_fixed_text_of_the_assessor():
    assert len(fixed_whys()) > 50
    assert set(fixed_whys()) <= set(FIXED_WHYS), set(fixed_whys()) - set(FIXED_WHYS)


@pytest.mark.parametrize("why", fixed_whys())
def test_each_evidence_text_reads_in_english(why):
    with translation.override("en"):
        assert shown_why(why) != why
    with translation.override("de"):
        assert shown_why(why) == why


@pytest.mark.parametrize(
    "why, german, english",
    [
        (
            "Bezug zum Artikel: 0 von 4 Inhaltswörtern (0% gewichtete Überdeckung); "
            "gemeinsame Begriffe: keine",
            "Bezug zum Artikel: 0 von 4 Inhaltswörtern kommen im Artikel vor (Übereinstimmung 0 %, "
            "seltene Wörter zählen mehr); gemeinsame Begriffe: keine",
            "Relation to the article: 0 of 4 content words appear in the article (0 % match, rare "
            "words count more); shared terms: none",
        ),
        (
            "verschleierter Link (example.org)",
            "verschleierter Link (example.org)",
            "disguised link (example.org)",
        ),
        (
            "fast nur ein Link auf shop.example (Werbung)",
            "fast nur ein Link auf shop.example (Werbung)",
            "little more than a link to shop.example (advertising)",
        ),
    ],
)
def test_evidence_with_figures_or_domains_is_put_together_in_each_language(why, german, english):
    with translation.override("de"):
        assert shown_why(why) == german
    with translation.override("en"):
        assert shown_why(why) == english


# Domain errors the pages show (messages or templates): raised with a code, worded per language.
SHOWN_ERRORS = {
    "moderation/decisions.py": {"AlreadyDecided", "InvalidDecision", "CommentNotFound", "CannotUndo"},
    "moderation/bans.py": {"BanError"},
    "moderation/picks.py": {"PickError"},
    "moderation/newsroom.py": {"NewsroomReplyError"},
    "compliance/appeals.py": {"AppealError"},
    "compliance/reports.py": {"ReportDecisionError", "NoticeNotFound", "NoticeAlreadyResolved"},
    "integrations/webhooks.py": {"WebhookError"},
}


def _worded():
    """Every code the pages can word: compliance's (which include moderation's), the webhooks'."""
    from freigabe.compliance.error_messages import MESSAGES
    from freigabe.integrations.error_messages import MESSAGES as WEBHOOK_MESSAGES

    return {**MESSAGES, **WEBHOOK_MESSAGES}


def _raised_codes(relative, classes):
    """[(line, strings passed besides the English message)] of each raise of `classes`."""
    raised = []
    for node in ast.walk(ast.parse((PACKAGE / relative).read_text(encoding="utf-8"))):
        call = node.exc if isinstance(node, ast.Raise) else None
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) in classes:
            values = [*call.args[1:], *(keyword.value for keyword in call.keywords if keyword.arg == "code")]
            raised.append((node.lineno, {v.value for v in values if isinstance(v, ast.Constant)}))
    return raised


def test_every_domain_error_the_pages_show_has_a_worded_code():
    MESSAGES = _worded()
    found = [
        (relative, line, codes)
        for relative, classes in SHOWN_ERRORS.items()
        for line, codes in _raised_codes(relative, classes)
    ]
    assert len(found) > 40  # the walker found the raises
    uncoded = [(relative, line) for relative, line, codes in found if not codes & set(MESSAGES)]
    assert not uncoded, f"raised without a code the pages can word (error_messages.py): {uncoded}"


def test_each_worded_domain_error_reads_in_german_and_in_english():
    for code, message in _worded().items():
        with translation.override("de"):
            german = str(message)
        with translation.override("en"):
            english = str(message)
        assert german != english, f"{code}: no English for {german!r}"


def test_a_refusal_with_a_date_writes_it_as_the_language_does():
    from datetime import date

    from freigabe.compliance.appeals import AppealError
    from freigabe.compliance.error_messages import shown_error

    refused = AppealError("ended", status=410, code="window_closed", date=date(2026, 7, 15))
    with translation.override("de"):
        assert shown_error(refused) == "Die Frist von sechs Monaten für eine Beschwerde endete am 15.07.2026."
    with translation.override("en"):
        german_date_left = "15.07.2026" in shown_error(refused)
        assert not german_date_left and "2026" in shown_error(refused)
    assert refused.params["date"] == date(2026, 7, 15)  # wording does not change the error
