"""System checks of the site's own configuration (registered in CoreConfig.ready)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Caches whose counts are kept in one process only: each gunicorn worker (and
# each machine) would keep rate-limit counts of its own.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security, Tags.caches, deploy=True)
def check_rate_limit_cache(app_configs=None, **kwargs):
    """Warn a deployment whose rate limits would be counted per process."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return []
    alias = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"Rate limits are counted in the per-process cache {backend} (REDIS_URL is not set).",
            hint=(
                "Each gunicorn worker and each machine keeps its own counts, so a client "
                "gets the limit once per worker. Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) "
                "so every process shares one atomic count; see docs/security.md, Rate limits."
            ),
            id="core.W001",
        )
    ]
