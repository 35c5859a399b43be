from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


class ContentSecurityPolicyMiddleware:
    """Send a Content-Security-Policy on every response.

    Django 5.2 has no built-in CSP support. The admin gets its own, looser
    policy because Wagtail's admin relies on inline styles and scripts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            if request.path.startswith(("/admin/", "/django-admin/")):
                response["Content-Security-Policy"] = settings.ADMIN_CONTENT_SECURITY_POLICY
            else:
                response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response


# C0 control characters and DEL: no page, tag or key holds them, and a NUL
# reaching PostgreSQL is an error ("cannot contain NUL"), not "no such row".
CONTROL_CHARACTERS = frozenset(map(chr, [*range(0x20), 0x7F]))


class RefuseControlCharactersInPathMiddleware:
    """Answer 400 to a path holding a control character, before any view or lookup sees it.

    Wagtail's redirect middleware looks every 404 path up in the database too,
    so refusing in the views alone would not be enough; this one sits inside
    it (after it in MIDDLEWARE), where the session and user exist for the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not CONTROL_CHARACTERS.isdisjoint(request.path_info):
            message = _("请求的地址中含有不允许的控制字符。")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
