"""The tab bar with its live counts, on every workspace page."""

from django import template

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
    return {"counts": counts, "claimed_ids": claimed_ids, "tab": tab,
            "perms": context.get("perms"), "request": context["request"]}
