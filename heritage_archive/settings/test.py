import uuid

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests write uploads to a throwaway folder, never to the real media/.
MEDIA_ROOT = Path(env.get("TEST_MEDIA_ROOT", BASE_DIR / ".cache" / "test-media"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test run writes to Elasticsearch indices of its own, deleted at the end.
SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
