"""Changing a site's moderation settings, with every change written to the audit log."""

from django.db import transaction

from freigabe.articles.rules import REASON_CODES
from freigabe.moderation import audit

SKIP_QUEUE_OFF = "off"


def apply_site_settings(site, cleaned, *, actor=None):
    """Store the admin form's values on the site; return the names of what changed."""
    house_rules = {code: dict(rule) for code, rule in (site.house_rules or {}).items()}
    for code in REASON_CODES:
        rule = house_rules.setdefault(code, {})
        for language in ("de", "en"):
            rule[language] = cleaned[f"label_{code}_{language}"].strip()
            rule[f"text_{language}"] = cleaned[f"text_{code}_{language}"].strip()
    assessor = dict(site.assessor_settings or {})
    thresholds = dict(assessor.get("thresholds") or {})
    thresholds["review"] = cleaned["review_threshold"]
    thresholds["reject"] = cleaned["reject_threshold"]
    assessor["thresholds"] = thresholds
    assessor["skip_queue"] = cleaned["skip_queue"]
    if cleaned.get("claim_minutes"):
        assessor["claim_minutes"] = cleaned["claim_minutes"]
    new_values = {
        "guidelines": cleaned["guidelines"].strip(),
        "house_rules": house_rules,
        "assessor_settings": assessor,
        "close_comments_after_days": cleaned.get("close_after_days") or None,
        "review_hours": _review_hours(cleaned),
    }
    changed = [name for name, value in new_values.items() if getattr(site, name) != value]
    if not changed:
        return []
    with transaction.atomic():
        for name in changed:
            setattr(site, name, new_values[name])
        site.save(update_fields=changed)
        audit.record(actor, "settings.change", f"site:{site.slug}", fields=changed)
    return changed


def _review_hours(cleaned):
    spec = cleaned.get("review_hours", "").strip()
    exceptions = cleaned.get("review_exceptions", "").strip()
    if not spec and not exceptions:
        return {}
    return {
        "spec": spec,
        "timezone": cleaned.get("review_timezone", "").strip() or "Europe/Berlin",
        "exceptions": exceptions,
    }


def may_skip_queue(site, suggestion):
    """May a comment with this suggestion be published without an editor? Off by default."""
    mode = (site.assessor_settings or {}).get("skip_queue", SKIP_QUEUE_OFF)
    return mode == "suggested_release" and suggestion == "release"
