"""Senior editors assign sections to editors and mark groups of critical stories."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from freigabe.accounts.access import staff_view
from freigabe.articles.models import Article
from freigabe.http import parse_id
from freigabe.moderation.models import EditorSection, StoryGroup
from freigabe.moderation.sections import (
    SectionError,
    assign_sections,
    delete_story_group,
    known_sections,
    save_story_group,
)

CHOOSABLE_ARTICLES = 200


@staff_view("moderation.manage_sections")
def sections_page(request):
    if request.method == "POST":
        try:
            _save(request)
        except SectionError as refused:
            messages.error(request, str(refused))
        return redirect("moderation:sections")
    editors = [
        user
        for user in get_user_model().objects.filter(is_active=True).order_by("username")
        if user.has_perm("moderation.decide_comment")
    ]
    assigned = {}
    for row in EditorSection.objects.all():
        assigned.setdefault(row.editor_id, []).append(row.section)
    return render(
        request,
        "moderation/sections.html",
        {
            "editors": [(user, ", ".join(assigned.get(user.pk, []))) for user in editors],
            "known_sections": known_sections(),
            "groups": StoryGroup.objects.prefetch_related("articles"),
            "articles": Article.objects.select_related("site")[:CHOOSABLE_ARTICLES],
            "tab": "sections",
        },
    )


def _save(request):
    action = request.POST.get("action", "")
    if action == "assign":
        editor = get_object_or_404(get_user_model(), pk=parse_id(request.POST.get("editor")))
        names = request.POST.get("sections", "").split(",")
        assign_sections(editor, names, actor=request.user)
        messages.success(request, _("Ressorts gespeichert."))
    elif action == "group":
        group_id = parse_id(request.POST.get("group"))
        group = get_object_or_404(StoryGroup, pk=group_id) if group_id else None
        ids = [number for number in map(parse_id, request.POST.getlist("articles")) if number]
        save_story_group(request.POST.get("name", ""), ids, actor=request.user, group=group)
        messages.success(request, _("Gruppe gespeichert."))
    elif action == "delete_group":
        group = get_object_or_404(StoryGroup, pk=parse_id(request.POST.get("group")))
        delete_story_group(group, actor=request.user)
        messages.success(request, _("Gruppe gelöscht."))
    else:
        raise SectionError(_("Unbekannte Aktion."))
