"""The visitor's side: the form, the receipt and the cancel link. No account needed."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from heritage_archive.core.security import too_many_requests
from heritage_archive.core.visibility import is_visible_page, visible_pages

from . import booking, tokens
from .forms import SignupForm, normalise_phone, notice_text, notice_version
from .models import Signup, SignupSettingsMixin


def _private(response):
    """Pages with personal data: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _signup_page(request, page_id):
    page = visible_pages(Page.objects.filter(pk=page_id), request).first()
    page = page.specific if page is not None else None
    if not isinstance(page, SignupSettingsMixin) or not page.signup_enabled:
        raise Http404
    return page


def _phone_key(group, request):
    return normalise_phone(request.POST.get("phone", "")) or "none"


def _limited(request):
    """A 429 answer when this address or this phone signed up too often, else None."""
    for group, key, rate_setting in (
        ("signup-ip", "ip", "SIGNUP_RATE_LIMIT"),
        ("signup-phone", _phone_key, "SIGNUP_PHONE_RATE_LIMIT"),
    ):
        rate = getattr(settings, rate_setting)
        if is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True):
            return too_many_requests(
                request, _("报名提交过于频繁，请一小时后再试。"), retry_after=3600
            )
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def signup_view(request, page_id):
    page = _signup_page(request, page_id)
    refusal = None
    # A form with mistakes comes back as 200 with its messages; a trapped form
    # is 400 and a sign-up the rules refuse (duplicate, full, closed) is 409.
    status = 200
    if request.method == "POST":
        limited = _limited(request)
        if limited is not None:
            return _private(limited)
        form = SignupForm(request.POST, page=page)
        if form.is_trapped:
            refusal = _("提交未通过校验，请刷新页面后重新填写。")
            status = 400
        elif form.is_valid():
            try:
                signup = booking.book(
                    page,
                    name=form.cleaned_data["name"],
                    phone=form.cleaned_data["phone"],
                    seats=form.seats(),
                    extra=form.extra_values(),
                    notice_version=notice_version(),
                )
            except booking.SignupRefused as refused:
                refusal = refused.message
                status = 409
            else:
                return redirect("signups:receipt", token=tokens.receipt_token(signup))
    else:
        form = SignupForm(page=page)
    response = render(
        request,
        "signups/signup_form.html",
        {
            "page": page,
            "form": form,
            "refusal": refusal,
            "notice": notice_text(),
            "is_open": page.signup_is_open(),
            "seats": booking.seats_of(page),
        },
        status=status,
    )
    return _private(response)


def _signup_from(pk):
    signup = Signup.objects.select_related("page").filter(pk=pk).first()
    if signup is None:
        raise Http404
    return signup


@require_http_methods(["GET", "HEAD"])
def receipt_view(request, token):
    pk = tokens.read_receipt(token)
    if pk is None:
        raise Http404
    signup = _signup_from(pk)
    page = signup.page.specific
    return _private(
        render(
            request,
            "signups/receipt.html",
            {
                "page": page,
                "page_visible": is_visible_page(page, request),
                "signup": signup,
                "seats": booking.seats_of(page),
                "cancel_url": request.build_absolute_uri(
                    reverse("signups:cancel", args=[tokens.cancel_token(signup)])
                )
                if signup.cancel_nonce
                else "",
            },
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cancel_view(request, token):
    read = tokens.read_cancel(token)
    if read is None:
        raise Http404
    pk, nonce = read
    signup = _signup_from(pk)
    context = {"page": signup.page.specific, "signup": signup, "done": False, "refusal": None}
    status = 200
    if request.method == "POST":
        try:
            booking.cancel(pk, nonce)
        except booking.SignupRefused as refused:
            context["refusal"] = refused.message
            status = 410
        else:
            context["done"] = True
    elif signup.cancel_nonce != nonce or signup.status == Signup.Status.CANCELLED:
        context["refusal"] = _("该取消链接已使用或已失效。")
        status = 410
    return _private(render(request, "signups/cancel.html", context, status=status))
