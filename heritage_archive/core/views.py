"""/healthz: the site's health for monitoring, as JSON (heritage_archive/core/health.py)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from heritage_archive.core import health


@never_cache
@require_safe
def healthz(request):
    """200 when every part is healthy, 503 naming the failing parts otherwise."""
    document = health.as_json(health.run_checks())
    return JsonResponse(
        document,
        status=200 if document["status"] == "ok" else 503,
        json_dumps_params={"ensure_ascii": False},
    )
