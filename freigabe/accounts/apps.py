from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "freigabe.accounts"
    label = "accounts"

    def ready(self):
        post_migrate.connect(_create_roles, sender=self)


def _create_roles(using="default", apps=None, **kwargs):
    # Our post_migrate may run before other apps' permissions exist; create them first.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from freigabe.accounts.roles import ensure_roles

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()
