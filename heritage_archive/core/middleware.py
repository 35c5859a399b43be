from django.conf import settings


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
