"""System checks: settings that cannot work stop `freigabe check` and `freigabe serve` at once.

Every management command runs these before it starts, so a typo in the environment is
reported with its name and value instead of failing at the first comment or silently
reading as "off". `freigabe check --deploy` adds what a production site must set.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from freigabe.ratelimit import Rate

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


@register()
def check_environment(app_configs=None, **kwargs):
    """Values read from the environment that could not be understood."""
    return [
        Error(problem, hint="Fix the environment variable and start again.", id="freigabe.E001")
        for problem in getattr(settings, "SETTINGS_PROBLEMS", [])
    ]


@register()
def check_rates(app_configs=None, **kwargs):
    """Every FREIGABE_RATE_* reads as COUNT/SECONDS with both above zero."""
    errors = []
    for name in sorted(name for name in dir(settings) if name.startswith("FREIGABE_RATE_")):
        value = getattr(settings, name)
        try:
            rate = Rate.parse(str(value))
            valid = rate.count > 0 and rate.seconds > 0
        except ValueError:
            valid = False
        if not valid:
            errors.append(
                Error(
                    f"{name}={value!r} is not a rate.",
                    hint="Write COUNT/SECONDS with both above zero, e.g. 10/60.",
                    id="freigabe.E002",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def check_production(app_configs=None, **kwargs):
    """What a public site must set: where it is reachable, and a real mail server."""
    problems = []
    public = urlsplit(settings.FREIGABE_PUBLIC_URL)
    if public.hostname in LOOPBACK_HOSTS or public.hostname is None:
        problems.append(
            Error(
                f"FREIGABE_PUBLIC_URL is {settings.FREIGABE_PUBLIC_URL!r}: links in mails (confirmation, "
                "appeal, unsubscribe) would point at this machine.",
                hint="Set FREIGABE_PUBLIC_URL to the public https address of the comment server.",
                id="freigabe.E003",
            )
        )
    elif public.scheme != "https":
        problems.append(Warning("FREIGABE_PUBLIC_URL is not https.", id="freigabe.W001"))
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend")):
        problems.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: outcome mails and statements of reasons "
                "would never reach the authors.",
                hint="Set FREIGABE_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and "
                "FREIGABE_EMAIL_HOST (see README).",
                id="freigabe.E004",
            )
        )
    if set(settings.ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        problems.append(
            Warning(
                "FREIGABE_ALLOWED_HOSTS names only this machine; behind a proxy set the public host name.",
                id="freigabe.W002",
            )
        )
    return problems
