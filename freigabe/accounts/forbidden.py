"""The page an editor sees when their role does not allow a page: it names the role needed."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from freigabe.accounts.roles import ROLE_PERMISSIONS

# Role names as editors read them (the group names are German and stay as stored).
ROLE_NAMES = {
    "Redaktion": _("Redaktion"),
    "Chef vom Dienst": _("Chef vom Dienst"),
    "Administration": _("Administration"),
}


def roles_granting(permission):
    """The role names whose members have `permission`, lowest role first."""
    return [
        str(ROLE_NAMES.get(role, role))
        for role, permissions in ROLE_PERMISSIONS.items()
        if permission in permissions
    ]


def forbidden(request, permission):
    """A 403 page that says which role the page needs and which the editor has."""
    return render(
        request,
        "accounts/403.html",
        {
            "needed_roles": roles_granting(permission),
            "own_roles": [
                str(ROLE_NAMES.get(name, name)) for name in request.user.groups.values_list("name", flat=True)
            ],
        },
        status=403,
    )
