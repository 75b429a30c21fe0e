"""The editors' queue of pending comments, in triage order, with its filters."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from freigabe.articles.rules import ASSESSED_RULES
from freigabe.comments.models import Comment, Status
from freigabe.comments.triage import NAMED_SUGGESTIONS, TRIAGE_GROUPS
from freigabe.comments.waiting import queue_outlook
from freigabe.http import parse_id
from freigabe.moderation.claims import comments_claimed_by_others


def _suggestion_rank():
    """TRIAGE_GROUPS as one sortable SQL value: the index of the comment's suggestion group."""
    named = [
        When(suggestion=suggestion, then=Value(rank))
        for rank, group in enumerate(TRIAGE_GROUPS)
        for suggestion in group
        if suggestion
    ]
    others = next(rank for rank, group in enumerate(TRIAGE_GROUPS) if None in group)
    return Case(*named, default=Value(others), output_field=IntegerField())


SUGGESTION_RANK = _suggestion_rank()
ORDERS = {
    "triage": (SUGGESTION_RANK.asc(), "created_at", "pk"),
    "oldest": ("created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "riskiest": ("-risk", "created_at", "pk"),
}
DEFAULT_ORDER = "triage"
# The section menu's value for "the sections assigned to me" (no section starts with @).
MY_SECTIONS = "@mine"
# Age filters: name -> (older than, younger than)
AGES = {
    "": (None, None),
    "lt1h": (None, timedelta(hours=1)),
    "1h-24h": (timedelta(hours=1), timedelta(hours=24)),
    "gt24h": (timedelta(hours=24), None),
}


def pending_comments(order=DEFAULT_ORDER, site=None, article=None):
    comments = Comment.objects.filter(status=Status.PENDING).select_related("article__site", "parent")
    if site is not None:
        comments = comments.filter(article__site__slug=site)
    if article is not None:
        comments = comments.filter(article_id=article)
    return comments.order_by(*ORDERS.get(order, ORDERS[DEFAULT_ORDER]))


@dataclass(frozen=True)
class QueueFilter:
    """What an editor narrowed the queue to; built from the query string, never trusted."""

    order: str = DEFAULT_ORDER
    article: int | None = None
    rule: str = ""
    min_score: int = 0  # percent
    age: str = ""
    # The sections shown (empty: all) and what the section menu had chosen: MY_SECTIONS,
    # "" for all, or one section's name.
    sections: tuple = ()
    section_choice: str = ""
    group: int | None = None  # a StoryGroup: its critical stories as one queue

    @classmethod
    def from_query(cls, params, own_sections=()):
        """`own_sections` are the editor's: their queue opens on them unless they ask for all."""
        order = params.get("order", DEFAULT_ORDER)
        rule = params.get("rule", "")
        age = params.get("age", "")
        choice = params.get("section", MY_SECTIONS)
        if choice == MY_SECTIONS:
            sections = tuple(own_sections)
            choice = MY_SECTIONS if sections else ""
        else:
            choice = " ".join(choice.split())[:100]
            sections = (choice,) if choice else ()
        return cls(
            order=order if order in ORDERS else DEFAULT_ORDER,
            article=parse_id(params.get("article")),
            rule=rule if rule in ASSESSED_RULES else "",
            min_score=min(max(_int_or_none(params.get("min_score")) or 0, 0), 100),
            age=age if age in AGES else "",
            sections=sections,
            section_choice=choice,
            group=parse_id(params.get("group")),
        )

    @property
    def is_narrowed(self):
        # A rule alone narrows nothing: it says which score `min_score` applies to.
        return bool(self.article or self.min_score or self.age or self.sections or self.group)

    def scope(self, comments):
        """The queue being worked: one article, the chosen sections or a group of stories."""
        if self.article:
            comments = comments.filter(article_id=self.article)
        if self.sections:
            comments = comments.filter(article__section__in=self.sections)
        if self.group:
            comments = comments.filter(article__story_groups=self.group)
        return comments

    def apply(self, comments, now=None):
        comments = self.scope(comments)
        # A rule's score, or the highest of all (risk); a minimum of 0 filters nothing.
        if self.min_score:
            field = f"score_{self.rule}" if self.rule else "risk"
            comments = comments.filter(**{f"{field}__gte": self.min_score / 100})
        older_than, younger_than = AGES[self.age]
        now = now or timezone.now()
        if older_than:
            comments = comments.filter(created_at__lte=now - older_than)
        if younger_than:
            comments = comments.filter(created_at__gt=now - younger_than)
        return comments


def editor_queue(editor, queue_filter):
    """Pending comments for this editor: filtered, in order, without colleagues' claims."""
    comments = queue_filter.apply(pending_comments(queue_filter.order))
    return comments.exclude(pk__in=comments_claimed_by_others(editor))


def editor_queue_page(editor, queue_filter, limit):
    """The first `limit` comments of editor_queue(), fast also for a queue of many thousands."""
    comments = editor_queue(editor, queue_filter)
    if queue_filter.min_score:
        return _page_by_ids(comments, limit)
    if queue_filter.order != "triage":
        return list(comments[:limit])
    # Read each triage group through the (status, suggestion, created_at) index rather than
    # ORDER BY SUGGESTION_RANK, so no request sorts the whole queue by a computed rank.
    page = []
    for group in TRIAGE_GROUPS:
        remaining = limit - len(page)
        if remaining <= 0:
            break
        found = []
        for suggestion in group:
            part = (
                comments.filter(suggestion=suggestion)
                if suggestion
                else comments.exclude(suggestion__in=NAMED_SUGGESTIONS)
            )
            found.extend(part.order_by("created_at", "pk")[:remaining])
        found.sort(key=lambda comment: (comment.created_at, comment.pk))
        page.extend(found[:remaining])
    return page


def _page_by_ids(comments, limit):
    """Order and cut the matching ids first (covered by a score index), then read the rows."""
    ids = list(comments.values_list("pk", flat=True)[:limit])
    rows = comments.model.objects.select_related("article__site", "parent").in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


ARTICLE_CHOICES_SECONDS = 30


def articles_with_pending(sections=()):
    """(article id, title, pending count) for the article filter, busiest first; only the
    articles of `sections` when the queue is cut to them.

    Counting per article reads the whole queue; a filter menu may be half a minute old.
    """

    def count():
        return list(
            Comment.objects.filter(status=Status.PENDING)
            .values_list("article_id", "article__title", "article__section")
            .annotate(n=Count("pk"))
            .order_by("-n")[:200]
        )

    rows = cache.get_or_set("moderation:articles-with-pending-by-section", count, ARTICLE_CHOICES_SECONDS)
    return [(pk, title, n) for pk, title, section, n in rows if not sections or section in sections]


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def scoped_outlook(queue_filter, now=None):
    """The outlook of the queue being worked (one article, sections, a group of stories),
    not of all pending comments."""
    return queue_outlook(queue_filter.scope(Comment.objects.filter(status=Status.PENDING)), now)
