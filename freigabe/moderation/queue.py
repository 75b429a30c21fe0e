"""The editors' queue of pending comments, in triage order."""

from django.db.models import Case, IntegerField, Value, When

from freigabe.comments.models import Comment, Status

# Likely-clean comments first (most readers wait least), then those needing a careful
# look, then likely rule-breakers grouped together for quick rejection.
SUGGESTION_RANK = Case(
    When(suggestion="release", then=Value(0)),
    When(suggestion="reject", then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)
ORDERS = {
    "triage": (SUGGESTION_RANK.asc(), "created_at", "pk"),
    "oldest": ("created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "riskiest": ("-risk", "created_at", "pk"),
}
DEFAULT_ORDER = "triage"


def pending_comments(order=DEFAULT_ORDER, site=None, article=None):
    comments = (Comment.objects.filter(status=Status.PENDING)
                .select_related("article__site", "parent"))
    if site is not None:
        comments = comments.filter(article__site__slug=site)
    if article is not None:
        comments = comments.filter(article_id=article)
    return comments.order_by(*ORDERS.get(order, ORDERS[DEFAULT_ORDER]))
