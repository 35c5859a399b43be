"""Throttling answers: rate limits on search and exports, and the admin login lockout.

The counting is done by maintained libraries (django-ratelimit over the shared
Django cache, django-axes in the database), so every gunicorn process and every
machine sees the same counts. This module only turns "too many" into a clear
429 answer in Chinese.
"""

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

TOO_MANY_REQUESTS = 429


def client_ip(request):
    """The client's address: X-Real-IP when the peer is a trusted proxy, else the peer.

    nginx overwrites X-Real-IP with the address it saw (deploy/nginx/anci.conf);
    a client talking to Django directly could forge the header, so it counts
    only from the addresses in TRUSTED_PROXIES. Rate limits and the login
    lockout both key by this address (settings RATELIMIT_IP_META_KEY and
    AXES_CLIENT_IP_CALLABLE).
    """
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    if forwarded and peer in getattr(settings, "TRUSTED_PROXIES", ()):
        return forwarded
    return peer


def _wants_json(request):
    return request.path.startswith("/api/")


def too_many_requests(request, message, retry_after):
    """A 429 in the form the caller asked for: JSON for the API, a page otherwise."""
    if _wants_json(request):
        response = JsonResponse({"error": message}, status=TOO_MANY_REQUESTS)
    else:
        # Rendered now: django-axes returns this from a middleware, after the
        # point where Django renders template responses.
        response = render(
            request,
            "security/too_many_requests.html",
            {"message": message},
            status=TOO_MANY_REQUESTS,
        )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(group, rate_setting):
    """Limit a view per client IP to the rate named by ``rate_setting`` (e.g. "60/m").

    The rate is read from settings on every request, so tests and deployments
    can change it; ``RATELIMIT_ENABLE = False`` turns every limit off.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            rate = getattr(settings, rate_setting)
            if is_ratelimited(
                request, group=group, key="ip", rate=rate, method=["GET", "HEAD"], increment=True
            ):
                message = _("请求过于频繁：每个地址每分钟最多 %(limit)s 次。请稍后再试。") % {
                    "limit": rate.split("/")[0]
                }
                return too_many_requests(request, message, retry_after=60)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def admin_login_locked_out(request, original_response=None, credentials=None):
    """What django-axes answers once a username and address have failed too often."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "登录失败次数过多，该账户已从此地址锁定 %(minutes)s 分钟。请稍后再试，或联系管理员。"
    ) % {"minutes": minutes}
    return too_many_requests(request, message, retry_after=minutes * 60)
