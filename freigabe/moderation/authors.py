"""An author's history, as editors need it beside a comment: earlier comments, decisions, bans."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Lower

from freigabe.comments.models import Comment, Status
from freigabe.moderation.bans import active_ban_for, bans_for_author
from freigabe.moderation.models import Action, Decision
from freigabe.moderation.notes import SHOWN_NOTES, notes_for_author

RECENT_COMMENTS = 6
LAST_REJECTIONS = 3
# Enough to judge a pattern; a prolific author's older comments add nothing.
MATCHED_COMMENTS = 500


@dataclass
class AuthorHistory:
    comments: list = field(default_factory=list)  # earlier comments, newest first
    by_status: dict = field(default_factory=dict)  # status -> count
    bans: list = field(default_factory=list)
    total: int = 0
    notes: list = field(default_factory=list)  # editors' notes on this author, newest first
    last_rejections: list = field(default_factory=list)  # reason codes of recent rejections
    active_ban: object = None

    @property
    def status_counts(self):
        """[(status, its label, count)] in a fixed order, for the pills beside a comment."""
        return [
            (status, label, self.by_status[status])
            for status, label in Status.choices
            if status in self.by_status
        ]


def author_identities(comment):
    """How we recognise this author again: account, email, IP hash (whichever we have)."""
    return {
        "account": comment.author_external_id or "",
        "email": (comment.author_email or "").lower(),
        "ip_hash": comment.ip_hash or "",
    }


def author_history(comment):
    # One indexed look-up per identity (see migration 0003), then one query by primary key:
    # an OR across columns, or a case-insensitive LIKE, would read every comment.
    identities = author_identities(comment)
    lookups = []
    if identities["account"]:
        lookups.append(Q(author_external_id=identities["account"]))
    if identities["email"]:
        lookups.append(Q(email_lower=identities["email"]))
    if identities["ip_hash"]:
        lookups.append(Q(ip_hash=identities["ip_hash"]))
    ids = set()
    for lookup in lookups:
        ids.update(
            Comment.objects.annotate(email_lower=Lower("author_email"))
            .filter(lookup)
            .order_by("-created_at")
            .values_list("pk", flat=True)[:MATCHED_COMMENTS]
        )
    ids.discard(comment.pk)
    earlier = Comment.objects.filter(pk__in=ids)
    by_status = dict(earlier.order_by().values_list("status").annotate(n=Count("pk")))
    recent = list(
        earlier.select_related("article")
        .prefetch_related("decisions")
        .order_by("-created_at")[:RECENT_COMMENTS]
    )
    return AuthorHistory(
        comments=recent,
        by_status=by_status,
        bans=list(bans_for_author(**identities)),
        total=sum(by_status.values()),
        notes=list(notes_for_author(**identities)[:SHOWN_NOTES]),
        last_rejections=_last_rejections(ids),
        active_ban=active_ban_for(**identities),
    )


def _last_rejections(comment_ids):
    """The reasons of the author's latest standing rejections, newest first."""
    rejections = (
        Decision.objects.standing()
        .filter(comment_id__in=comment_ids, action=Action.REJECT)
        .order_by("-created_at")
        .values_list("reasons", flat=True)[:LAST_REJECTIONS]
    )
    return [list(reasons or ()) for reasons in rejections]


def thread_context(comment, depth=5):
    """The comment's ancestors, root first, so a reply is read with what it answers."""
    chain = []
    parent = comment.parent
    while parent is not None and len(chain) < depth:
        chain.append(parent)
        parent = parent.parent
    return list(reversed(chain))
