"""Queues per section: editors' own sections and groups of critical stories."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from freigabe.articles.models import Article
from freigabe.articles.services import clean_section
from freigabe.comments.models import Comment, Status
from freigabe.moderation import audit
from freigabe.moderation.models import EditorSection, StoryGroup

MAX_GROUP_ARTICLES = 200


class SectionError(Exception):
    """The sections or the group cannot be saved; the message says why."""


def editor_sections(editor):
    return list(EditorSection.objects.filter(editor=editor).values_list("section", flat=True))


def assign_sections(editor, sections, *, actor=None):
    """Replace the editor's sections with `sections` (names, cleaned); return them."""
    wanted = sorted({clean_section(name) for name in sections} - {""})
    with transaction.atomic():
        EditorSection.objects.filter(editor=editor).exclude(section__in=wanted).delete()
        for name in wanted:
            EditorSection.objects.get_or_create(editor=editor, section=name)
        audit.record(actor, "sections.assign", editor.username, sections=wanted)
    return wanted


def known_sections():
    """Every section an article has, for the filter menu and the assignment form."""
    return list(
        Article.objects.exclude(section="")
        .order_by("section")
        .values_list("section", flat=True)
        .distinct()[:300]
    )


def sections_with_pending():
    """(section, pending count), busiest first; comments of unsectioned articles left out."""
    return list(
        Comment.objects.filter(status=Status.PENDING)
        .exclude(article__section="")
        .values_list("article__section")
        .annotate(n=Count("pk"))
        .order_by("-n")[:100]
    )


def save_story_group(name, article_ids, *, actor=None, group=None):
    """Create (or, given `group`, update) a named group of critical stories."""
    name = " ".join((name or "").split())
    if not name:
        raise SectionError(_("Die Gruppe braucht einen Namen."))
    clash = StoryGroup.objects.filter(name=name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise SectionError(_("Eine Gruppe dieses Namens gibt es schon."))
    ids = list(
        Article.objects.filter(pk__in=list(article_ids)[:MAX_GROUP_ARTICLES]).values_list("pk", flat=True)
    )
    with transaction.atomic():
        if group is None:
            group = StoryGroup.objects.create(name=name, created_by=_user(actor))
        else:
            group.name = name
            group.save(update_fields=["name"])
        group.articles.set(ids)
        audit.record(actor, "stories.save", name, group=group.pk, articles=sorted(ids))
    return group


def delete_story_group(group, *, actor=None):
    with transaction.atomic():
        audit.record(actor, "stories.delete", group.name, group=group.pk)
        group.delete()


def story_groups_with_pending():
    """(group id, name, pending count) for the queue's filter menu."""
    return [
        (group.pk, group.name, group.n)
        for group in StoryGroup.objects.annotate(
            n=Count("articles__comments", filter=Q(articles__comments__status=Status.PENDING))
        )
    ]


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
