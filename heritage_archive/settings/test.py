import tempfile
import uuid

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test run writes uploads to a throwaway folder of its own, never to the
# real media/ and never into another run's files.
MEDIA_ROOT = Path(  # noqa: F405
    env.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="anci-test-media-")
)
IMPORT_WORK_ROOT = Path(tempfile.mkdtemp(prefix="anci-test-imports-"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test run writes to Elasticsearch indices of its own, deleted at the end.
SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
# Tests apply indexing in the committing thread, to read the index right after;
# tests/search/test_hung_node.py turns the background thread back on.
SEARCH_INDEX_IN_BACKGROUND = False

# --- Security (tests/security) ---
# Rate limits would make unrelated tests that search often fail by chance;
# tests/security turns them on where it tests them.
RATELIMIT_ENABLE = False

# --- The page cache (tests/pages/test_page_cache.py turns it on) ---
PAGE_CACHE_ENABLED = False
# Each run keeps its pages under a prefix of its own in the shared Redis.
CACHES["pages"] = {**CACHES["pages"], "KEY_PREFIX": f"{SEARCH_INDEX_PREFIX}-pages"}  # noqa: F405
