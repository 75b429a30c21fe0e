"""Editorial roles as Django groups: editor decides, senior editor also handles appeals and bans."""

from django.contrib.auth.models import Group, Permission

EDITOR = "Redaktion"
SENIOR_EDITOR = "Chef vom Dienst"
SITE_ADMIN = "Administration"

# Senior editors and admins read the audit log and the operations page.
ROLE_PERMISSIONS = {
    EDITOR: ["moderation.decide_comment"],
    SENIOR_EDITOR: [
        "moderation.decide_comment",
        "moderation.decide_appeal",
        "moderation.ban_author",
        "moderation.view_auditentry",
        "moderation.manage_sections",
    ],
    SITE_ADMIN: [
        "moderation.decide_comment",
        "moderation.decide_appeal",
        "moderation.ban_author",
        "moderation.view_auditentry",
        "articles.change_site",
        "moderation.manage_sections",
    ],
}


def ensure_roles():
    """Create the role groups with their permissions; safe to call repeatedly."""
    groups = {}
    for name, permission_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for dotted in permission_names:
            app_label, codename = dotted.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)
        groups[name] = group
    return groups


def is_editor(user):
    return user.is_authenticated and user.is_active and user.has_perm("moderation.decide_comment")
