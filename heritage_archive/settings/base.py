"""Settings shared by every environment.

Configuration comes only from the environment variables named in the
README's configuration table (tests/core/test_settings.py checks that every
one read here or in production.py is there), read once here: DATABASE_URL,
ELASTICSEARCH_URL (with ELASTICSEARCH_SHARDS, ELASTICSEARCH_REPLICAS and
ELASTICSEARCH_SEARCH_TIMEOUT), REDIS_URL, MEDIA_ROOT,
BACKUP_DIR, SECRET_KEY, BACKUP_SIGNING_KEY, ALLOWED_HOSTS,
WAGTAILADMIN_BASE_URL, SITE_BASE_URL and PORT (also read by `make run`).
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = os.environ

SECRET_KEY = env.get("SECRET_KEY", "")
# Signs backup packages (preservation/signing.py); empty means SECRET_KEY. A
# key of its own lets SECRET_KEY be rotated without orphaning old backups.
BACKUP_SIGNING_KEY = env.get("BACKUP_SIGNING_KEY", "")
ALLOWED_HOSTS = [host.strip() for host in env.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
# One node URL, or several separated by commas (the nodes of one cluster): the
# client sends each request to a live one and moves on when one is down.
ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "").strip()
REDIS_URL = env.get("REDIS_URL", "").strip()

INSTALLED_APPS = [
    "heritage_archive.core",
    "heritage_archive.media.images",
    "heritage_archive.media.mediafiles",
    "heritage_archive.site.home",
    "heritage_archive.site.pages",
    "heritage_archive.site.news",
    "heritage_archive.records",
    "heritage_archive.records.heritage",
    "heritage_archive.records.inheritors",
    "heritage_archive.records.figures",
    "heritage_archive.site.galleries",
    "heritage_archive.site.training",
    "heritage_archive.site.events",
    "heritage_archive.site.branches",
    "heritage_archive.site.signups",
    "heritage_archive.importer",
    "heritage_archive.interop",
    "heritage_archive.preservation",
    "heritage_archive.demo",
    "search",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    # Autocomplete for relations between records (records.autocomplete).
    "wagtailautocomplete",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "heritage_archive.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the language is chosen (part of the key), before CSRF, sessions
    # read and authentication: a hit needs neither (core/page_cache.py).
    "heritage_archive.core.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "heritage_archive.core.middleware.RefuseControlCharactersInPathMiddleware",
]

ROOT_URLCONF = "heritage_archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "heritage_archive.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A persistent connection broken by a database restart is replaced at
        # the next request instead of failing it (tests/reliability).
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static_src"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))
# Where deploy/backup.sh writes the nightly packages and its stamp file
# (last-backup), which /healthz and the dashboard read.
BACKUP_DIR = Path(env.get("BACKUP_DIR", BASE_DIR / "backups"))
# Uploads go through a storage that removes a half-written file when a write
# fails (full disk, read-only folder); see heritage_archive/media/mediafiles/storage.py.
MEDIA_STORAGE_BACKEND = "heritage_archive.media.mediafiles.storage.ArchiveFileSystemStorage"
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Spreadsheets and media ZIPs uploaded to the admin's import screen wait here,
# one private folder per import (heritage_archive/importer/uploads.py), until
# the import has run; never under MEDIA_ROOT, so nothing in it is served. The
# web process and the tasks worker must see the same folder.
IMPORT_WORK_ROOT = Path(env.get("IMPORT_WORK_ROOT") or Path(tempfile.gettempdir()) / "anci-imports")

# Uploads: originals are never overwritten (Django's storage picks a free
# name), and the limits stop a decompression bomb before Pillow decodes it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

WAGTAIL_SITE_NAME = "安次区文化馆"
# Where the admin is reached, for links in notification e-mails and previews.
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "").strip() or (
    f"http://127.0.0.1:{env.get('PORT', '8000')}"
)
# The public site's address for every URL that leaves the site (OAI-PMH, IIIF,
# the API, exports, citations: core/addresses.py). Empty: the Wagtail Site's
# hostname and port, which setup_site takes from this or WAGTAILADMIN_BASE_URL.
SITE_BASE_URL = env.get("SITE_BASE_URL", "").strip().rstrip("/")
# Wagtail's API builds its detail_url from this, else from the request's Site.
WAGTAILAPI_BASE_URL = SITE_BASE_URL or None
WAGTAIL_I18N_ENABLED = False
# The admin calls nothing outside the site: no avatars from gravatar.com (the
# content security policy would block them anyway, and a curator's e-mail hash
# is not theirs to send) and no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_IMAGE_MODEL = "images.ArchiveImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "heritage_archive.media.images.forms.ArchiveImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILDOCS_DOCUMENT_MODEL = "mediafiles.ArchiveDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "heritage_archive.media.mediafiles.forms.ArchiveDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "txt", "csv", "odt", "ods"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILMEDIA = {
    "MEDIA_MODEL": "mediafiles.ArchiveMedia",
    "MEDIA_FORM_BASE": "heritage_archive.media.mediafiles.forms.ArchiveMediaForm",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "oga", "wav", "flac", "aac"],
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "webm", "ogv", "mov"],
}

# Admin search goes through a backend that tokenises Chinese the way the
# public search does; Wagtail's stock database backend indexes a run of
# Chinese characters as one token and misses 京剧 inside 少儿京剧训练班.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.wagtail_database"},
}

# Chinese tags: taggit keeps Unicode in slugs; our parser splits on Chinese
# list punctuation as well as commas.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "heritage_archive.core.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "heritage_archive.core.tags.edit_string_for_tags"
TAG_SPACES_ALLOWED = True

WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"},
}

LOGIN_URL = "wagtailadmin_login"

# The Content-Security-Policy every response carries; pages use no inline
# script or style, so neither 'unsafe-inline' nor 'unsafe-eval' is granted
# outside the admin (Wagtail's admin needs inline styles).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; "
    "script-src 'self'; style-src 'self'; object-src 'none'; "
    "frame-ancestors 'self'; base-uri 'self'; form-action 'self'"
)
# The IIIF viewer's own page (/iiif/<id>/viewer/, interop.views.iiif_viewer),
# framed by record pages: Mirador's styling library (emotion) writes <style>
# elements, so only there <style> elements may be inline (style-src-elem);
# style attributes, scripts and every other source stay as strict as above.
IIIF_VIEWER_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; "
    "script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; "
    "object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'"
)
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; frame-ancestors 'self'; base-uri 'self'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"search": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- Search (search app) ---------------------------------------------------
# Indices are named "<prefix>-records-<timestamp>" behind the alias
# "<prefix>-records"; tests and benchmarks use prefixes of their own.
SEARCH_INDEX_PREFIX = "anci"
# With Elasticsearch configured, a save's indexing runs in a background thread
# after commit, so no response waits for the node (search.indexing).
SEARCH_INDEX_IN_BACKGROUND = True
# Primary shards and replicas per shard of each new index (an existing index
# keeps its own until search_reindex builds the next one). One node holds no
# replica; a cluster of two or more should have ELASTICSEARCH_REPLICAS=1 so
# that losing one node loses no shard.
# How long a search waits for Elasticsearch before the database answers
# instead (a timeout also opens the circuit breaker for 30 s). One second
# suits a quiet search host; a busy shared one may need more.
ELASTICSEARCH_SEARCH_TIMEOUT = float(env.get("ELASTICSEARCH_SEARCH_TIMEOUT") or 1.0)
ELASTICSEARCH_SHARDS = max(1, int(env.get("ELASTICSEARCH_SHARDS") or 1))
ELASTICSEARCH_REPLICAS = max(0, int(env.get("ELASTICSEARCH_REPLICAS") or 0))

# --- Security: throttling, shared cache, served documents (tests/security) ---
# Rate-limit counters live in the default cache. With REDIS_URL set it is Redis
# (django-redis), shared by every process and machine: django-ratelimit's
# cache.add sets the counter with its expiry (SET NX), cache.incr is one
# atomic INCRBY (in a Lua script) that keeps it, and Redis does not evict a
# key before it expires (with maxmemory-policy noeviction). Without
# REDIS_URL (`make run`) it is a cache in this one process: fine for one
# process, but each gunicorn worker would count on its own (the deploy check
# core.W001 says so). Django's DatabaseCache is not used: it culls entries
# (300 by default), so a limited client got through again once others had
# searched, and its increments are not atomic. The table of migration
# core/0003_cache_table stays in old databases, unused.
if REDIS_URL:
    default_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            # A Redis that is down or hung fails the request in seconds
            # instead of holding a worker.
            "SOCKET_CONNECT_TIMEOUT": 2,
            "SOCKET_TIMEOUT": 2,
            # ...and then answers as if the cache were empty, so the public
            # site stays up (RATELIMIT_FAIL_OPEN lets requests through while
            # the counters are unreachable); each failure is logged.
            "IGNORE_EXCEPTIONS": True,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    default_cache = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "default",
        # Counters are small; a higher ceiling than Django's 300 keeps a
        # limited client's counter from being culled by other clients' ones.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
# --- The page cache for anonymous visitors (core.page_cache) ---------------
# PAGE_CACHE=1 turns it on (production turns it on unless PAGE_CACHE=0, when
# REDIS_URL is set); PAGE_CACHE_SECONDS is how long a kept page may be served
# at most (any change the public could see makes it stale at once).
PAGE_CACHE = env.get("PAGE_CACHE", "").strip()
PAGE_CACHE_ENABLED = PAGE_CACHE == "1"
PAGE_CACHE_SECONDS = max(1, int(env.get("PAGE_CACHE_SECONDS") or 300))
PAGE_CACHE_ALIAS = "pages"
# The query parameters every visitor of a list shares (pages, facets, order);
# any other one (a search text, a tracking tag) is answered uncached.
PAGE_CACHE_QUERY_PARAMETERS = frozenset(
    ("page", "category", "level", "level_min", "region", "year", "era", "sort")
)
# With one of these cookies (or the session cookie) a request is answered
# uncached: a message waiting for the visitor.
PAGE_CACHE_BYPASS_COOKIES = ("messages",)
# The kept pages have a cache (and key prefix) of their own in the same
# store, so they never mix with the rate-limit counters; nothing calls clear().
pages_cache = {**default_cache, "KEY_PREFIX": "pages"}
if not REDIS_URL:
    pages_cache = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
CACHES = {
    "default": default_cache,
    "pages": pages_cache,
    # Wagtail writes every rendition it serves back to this cache; in a shared
    # cache that would be a round trip per image on every page. Renditions
    # are immutable per (image, spec), so a per-process cache is safe.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
RATELIMIT_ENABLE = True
# With the counters unreachable (Redis down), serve rather than refuse everyone.
RATELIMIT_FAIL_OPEN = True
SEARCH_RATE_LIMIT = "60/m"  # /search/ and /api/search/, per client IP
EXPORT_RATE_LIMIT = "10/m"  # /api/search/export.csv|json, per client IP
# Sign-up (site/signups, docs/signups.md): submissions per client IP and per
# phone number, and how long sign-ups are kept after the event ends.
SIGNUP_RATE_LIMIT = "20/h"
SIGNUP_PHONE_RATE_LIMIT = "5/h"
SIGNUP_RETENTION_DAYS = 30

# Admin login throttling (django-axes): five failures for one username from
# one address lock that pair out for 15 minutes; a success resets the count.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # axes wants to be last
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "heritage_archive.core.security.admin_login_locked_out"

# Documents: only PDF opens in the browser; everything else downloads. Types
# a browser would run (HTML, SVG, XML, scripts) are served as opaque bytes even
# if such a file ever gets into the archive (uploads refuse their extensions).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_CONTENT_TYPES = dict.fromkeys(
    ("html", "htm", "xhtml", "shtml", "svg", "svgz", "xml", "js", "mjs"),
    "application/octet-stream",
)
