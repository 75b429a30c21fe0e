"""Freigabe's settings: read once, here, from the environment (12-factor).

Every default is safe for production; `FREIGABE_DEBUG=1` is only for development.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


# Values from the environment that could not be read: reported by the system checks
# (freigabe/checks.py), so `freigabe check` and `freigabe serve` stop with a clear message
# instead of guessing. The safe default stands in until then.
SETTINGS_PROBLEMS = []
TRUE_WORDS, FALSE_WORDS = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        SETTINGS_PROBLEMS.append(
            f"{name}={value!r} is neither on (1, true, yes, on) nor off (0, false, no, off)."
        )
        return default
    return word in TRUE_WORDS


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None:
        return int(default)
    try:
        return int(value.strip())
    except ValueError:
        SETTINGS_PROBLEMS.append(f"{name}={value!r} is not a whole number.")
        return int(default)


DATA_DIR = Path(os.environ.get("FREIGABE_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key():
    """Use the configured key, or one generated once and kept in the data directory."""
    configured = os.environ.get("FREIGABE_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("FREIGABE_DEBUG")
ALLOWED_HOSTS = env_list("FREIGABE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("FREIGABE_CSRF_TRUSTED_ORIGINS")

# Only requests from these addresses may tell us the client address via X-Forwarded-For.
TRUSTED_PROXIES = env_list("FREIGABE_TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI for /api/v1/docs from our own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "freigabe",
    "freigabe.accounts",
    "freigabe.articles",
    "freigabe.comments",
    "freigabe.assessment",
    "freigabe.moderation",
    "freigabe.compliance",
    "freigabe.widget",
    "freigabe.integrations",
]

MIDDLEWARE = [
    "freigabe.prometheus.RequestTimingMiddleware",
    "freigabe.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "freigabe.middleware.PublicCorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "freigabe.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "freigabe.urls"
WSGI_APPLICATION = "freigabe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_sqlite_path = DATA_DIR / "freigabe.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{_sqlite_path}", conn_max_age=60
    )
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE transactions and a busy
    # timeout make concurrent writers from several workers wait instead of failing.
    # Reusing the connection saves opening the file and the PRAGMAs on every request.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/moderation/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("FREIGABE_TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

_cache_url = os.environ.get("FREIGABE_CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    # Falls back to a per-process cache (logged) while Redis is unreachable.
    _shared_cache = {"BACKEND": "freigabe.fallback_cache.FallbackRedisCache", "LOCATION": _cache_url}
elif _cache_url.startswith("memcached://"):
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": _cache_url.removeprefix("memcached://"),
    }
else:
    # Without Redis or memcached, counters that all workers and servers must agree on
    # (rate limits) live in the database.
    _shared_cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "freigabe_cache"}
CACHES = {
    # Rendered public threads. Keys carry the article's thread version from the
    # database, so a per-process cache never serves a thread older than a decision.
    "default": _shared_cache
    if _cache_url
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "freigabe",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "shared": _shared_cache,
}

# Background jobs (freigabe/jobs.py): rows in the main database, run by `freigabe worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
# Seconds after which a job still marked running is taken to have lost its worker.
FREIGABE_JOB_TIMEOUT = env_int("FREIGABE_JOB_TIMEOUT", 1800)
# /metrics (Prometheus) answers a bearer token or these addresses/networks; neither: 404.
FREIGABE_METRICS_TOKEN = os.environ.get("FREIGABE_METRICS_TOKEN", "")
FREIGABE_METRICS_ALLOWED_IPS = env_list("FREIGABE_METRICS_ALLOWED_IPS")
# Webhooks may go to private, link-local or loopback addresses only when this is on.
FREIGABE_WEBHOOKS_ALLOW_PRIVATE = env_bool("FREIGABE_WEBHOOKS_ALLOW_PRIVATE")
# Article import from URLs may fetch private addresses only where this is on (staging).
FREIGABE_IMPORT_ALLOW_PRIVATE_URLS = env_bool("FREIGABE_IMPORT_ALLOW_PRIVATE_URLS")
# Requests per Perspective-compatible API key per window (count/seconds).
FREIGABE_RATE_PERSPECTIVE = os.environ.get("FREIGABE_RATE_PERSPECTIVE", "600/60")

# Security headers. TLS is terminated by the reverse proxy, which must set X-Forwarded-Proto.
SESSION_COOKIE_SECURE = not DEBUG and env_bool("FREIGABE_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("FREIGABE_HSTS_SECONDS", 31536000)
# Freigabe runs on its own host name (e.g. comments.example.de), so its subdomains are its own.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FREIGABE_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("FREIGABE_HSTS_PRELOAD", True)
SECURE_SSL_REDIRECT = env_bool("FREIGABE_SSL_REDIRECT", False)
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # The proxy redirects to HTTPS; redirecting here would break health checks over loopback.
    "security.W008",
]

# Public API limits.
FREIGABE_MAX_COMMENT_CHARS = env_int("FREIGABE_MAX_COMMENT_CHARS", 5000)
FREIGABE_MAX_REQUEST_BYTES = env_int("FREIGABE_MAX_REQUEST_BYTES", 64 * 1024)
FREIGABE_MAX_UPLOAD_BYTES = env_int("FREIGABE_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = FREIGABE_MAX_UPLOAD_BYTES
# "count/seconds" per client address, for comment submissions.
FREIGABE_RATE_COMMENTS = os.environ.get("FREIGABE_RATE_COMMENTS", "10/60")
FREIGABE_RATE_COMMENTS_PER_AUTHOR = os.environ.get("FREIGABE_RATE_COMMENTS_PER_AUTHOR", "5/60")
# When a site has no recent decisions, assume editors clear this many comments per hour.
FREIGABE_DEFAULT_DECISIONS_PER_HOUR = env_int("FREIGABE_DEFAULT_DECISIONS_PER_HOUR", 60)
# Reports (notices) per client address per window.
FREIGABE_RATE_REPORTS = os.environ.get("FREIGABE_RATE_REPORTS", "10/600")
# Recommendations ("Empfehlen") per client address per window.
FREIGABE_RATE_RECOMMENDATIONS = os.environ.get("FREIGABE_RATE_RECOMMENDATIONS", "60/600")
# The public base URL of this server, for links in emails (confirmations, appeals).
FREIGABE_PUBLIC_URL = os.environ.get("FREIGABE_PUBLIC_URL", "http://localhost:8000").rstrip("/")
# Days after which IP hashes are purged.
FREIGABE_IP_RETENTION_DAYS = env_int("FREIGABE_IP_RETENTION_DAYS", 7)
# The DSA Transparency Database (`freigabe submit-statements`, docs/dsa-transparency-mapping.md):
# its base URL and the Bearer token of the provider (legal entity) that runs the sites. A
# group with several legal entities names them and their sites,
# FREIGABE_DSA_PROVIDERS="verlag-nord:zeitung,abendblatt;verlag-sued:kurier", each with its
# token in FREIGABE_DSA_API_TOKEN_VERLAG_NORD (and, if it differs, FREIGABE_DSA_API_URL_…).
FREIGABE_DSA_API_URL = os.environ.get("FREIGABE_DSA_API_URL", "https://transparency.dsa.ec.europa.eu").rstrip(
    "/"
)
FREIGABE_DSA_API_TOKEN = os.environ.get("FREIGABE_DSA_API_TOKEN", "")
FREIGABE_DSA_PROVIDERS = {
    name.strip(): {
        "sites": [slug.strip() for slug in slugs.split(",") if slug.strip()],
        "token": os.environ.get("FREIGABE_DSA_API_TOKEN_" + _variable, ""),
        "url": os.environ.get("FREIGABE_DSA_API_URL_" + _variable, ""),
    }
    for name, _, slugs in (
        part.partition(":")
        for part in os.environ.get("FREIGABE_DSA_PROVIDERS", "").split(";")
        if part.strip()
    )
    for _variable in [name.strip().upper().replace("-", "_")]
}
# Seconds between the worker's submission runs.
FREIGABE_DSA_SUBMIT_INTERVAL = env_int("FREIGABE_DSA_SUBMIT_INTERVAL", 900)

EMAIL_BACKEND = os.environ.get("FREIGABE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("FREIGABE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("FREIGABE_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("FREIGABE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FREIGABE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("FREIGABE_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("FREIGABE_FROM_EMAIL", "freigabe@localhost")
# For the file-based backend (django.core.mail.backends.filebased.EmailBackend).
EMAIL_FILE_PATH = os.environ.get("FREIGABE_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "freigabe.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("FREIGABE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
