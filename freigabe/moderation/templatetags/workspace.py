"""The tab bar with its live counts, on every workspace page."""

from django import template

from freigabe.moderation.workspace import claimed_elsewhere_ids, tab_counts

register = template.Library()


@register.inclusion_tag("moderation/_counts.html", takes_context=True)
def workspace_tabs(context, tab=""):
    user = context["request"].user
    counts = context.get("tab_counts") or tab_counts(user)  # the view may have them already
    return {"counts": counts, "claimed_ids": claimed_elsewhere_ids(user), "tab": tab,
            "perms": context.get("perms"), "request": context["request"]}
