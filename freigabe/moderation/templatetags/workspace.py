"""The tab bar with its live counts, on every workspace page."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from freigabe.articles.rules import rule_label
from freigabe.moderation.workspace import claimed_elsewhere_ids, tab_counts

register = template.Library()


@register.inclusion_tag("moderation/_counts.html", takes_context=True)
def workspace_tabs(context, tab=""):
    user = context["request"].user
    # The queue view has both already; other pages count here.
    counts = context.get("tab_counts") or tab_counts(user)
    claimed_ids = context.get("claimed_ids")
    if claimed_ids is None:
        claimed_ids = claimed_elsewhere_ids(user)
    return {
        "counts": counts,
        "claimed_ids": claimed_ids,
        "tab": tab,
        "perms": context.get("perms"),
        "request": context["request"],
    }


@register.filter
def reason_labels(reasons, site=None):
    """The site's names for rejection reason codes, in the editor's language."""
    house_rules = getattr(site, "house_rules", None)
    language = (get_language() or "de")[:2]
    return ", ".join(rule_label(house_rules, code, language) for code in reasons or ())


@register.filter
def suggestion_name(code):
    """The assessor's suggestion (release, review, reject) as an editor reads it."""
    names = {"release": _("freigeben"), "review": _("prüfen"), "reject": _("ablehnen")}
    return names.get(code, code)
