"""Production: DEBUG off, everything from the environment (deploy/anci.env.example).

base.py reads the settings every environment shares (DATABASE_URL, REDIS_URL,
ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS, MEDIA_ROOT, ...); this module
adds what only a deployment behind nginx needs.
"""

from django.core.exceptions import ImproperlyConfigured

from heritage_archive.core.log_format import logging_config

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MEDIA_ROOT, PAGE_CACHE, REDIS_URL, SECRET_KEY, env

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (at least 50 random characters) "
        "to run the production settings."
    )


def _list(name):
    return [item.strip() for item in env.get(name, "").split(",") if item.strip()]


CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")
STATIC_ROOT = env.get("STATIC_ROOT") or STATIC_ROOT  # noqa: F405
SEARCH_INDEX_PREFIX = env.get("SEARCH_INDEX_PREFIX", "").strip() or SEARCH_INDEX_PREFIX  # noqa: F405

# TLS ends at nginx, which sets X-Forwarded-Proto itself (deploy/nginx/anci.conf),
# so Django may trust it. SECURE_SSL_REDIRECT can be turned off only for a
# loopback-only run such as `make production-smoke`.
SECURE_SSL_REDIRECT = env.get("SECURE_SSL_REDIRECT", "1") != "0"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.get("SECURE_COOKIES", "1") != "0"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail marks its own preview views SAMEORIGIN; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"
# Hashed names (app.3f2a9c.css) let nginx cache static files for a year.
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# The client's address: nginx overwrites X-Real-IP with the peer it saw, and
# Django believes the header only from the proxies listed here (gunicorn
# listens on loopback). Rate limits and the login lockout count per address.
TRUSTED_PROXIES = _list("TRUSTED_PROXIES") or ["127.0.0.1", "::1"]
RATELIMIT_IP_META_KEY = "heritage_archive.core.security.client_ip"
AXES_CLIENT_IP_CALLABLE = "heritage_archive.core.security.client_ip"

# Sessions in the cache, which is Redis when REDIS_URL is set (every worker and
# machine shares it); "cached_db" keeps them in the database as well, so a Redis
# restart logs nobody out.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The page cache is on unless PAGE_CACHE=0, and only with Redis: a per-process
# cache would not learn of a publish made through another worker.
PAGE_CACHE_ENABLED = PAGE_CACHE != "0" and bool(REDIS_URL)

# Documents: Wagtail's serve view checks the collection's view restriction,
# then answers with X-Accel-Redirect and nginx sends the bytes from the
# internal location /media/documents/ (which clients cannot request directly).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "django_sendfile.backends.nginx"
SENDFILE_ROOT = str(MEDIA_ROOT)
SENDFILE_URL = "/media"

# Wagtail's background tasks (reference index, image renditions, ...) go to
# the database and are run by `manage.py db_worker` (deploy/systemd/anci-tasks.service)
# instead of inside the request.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# One JSON object a line on stderr, which journald keeps; gunicorn's access
# and error logs use the same formatter (deploy/gunicorn.conf.py).
LOGGING = logging_config(env.get("LOG_LEVEL", "WARNING"), {"search": "INFO"})
