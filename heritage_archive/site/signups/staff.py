"""The staff side in the Wagtail admin: sign-ups per page, check-in, CSV export.

Every curator with ``signups.view_signup`` sees the lists with masked phones
and names; only ``signups.view_full_signup`` (the group 活动报名员) sees and
exports them in full.
"""

import csv

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from heritage_archive.core.spreadsheets import spreadsheet_safe

from .models import Signup, SignupSettingsMixin
from .roles import may_see_full_data


def signup_page_models():
    """Every page model that takes sign-ups, found by its base class."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SignupSettingsMixin) and not model._meta.abstract
    ]


def _require(user, codename):
    if not user.has_perm(f"signups.{codename}"):
        raise PermissionDenied


def signup_pages_with_counts():
    """[(page, counts)] of every page with sign-up, newest first; one query per model."""
    status = Signup.Status
    rows = []
    for model in signup_page_models():
        pages = model.objects.filter(signup_enabled=True).annotate(
            confirmed_seats=Sum("signups__seats", filter=Q(signups__status=status.CONFIRMED)),
            waitlisted_count=Count("signups", filter=Q(signups__status=status.WAITLISTED)),
            checked_in_count=Count(
                "signups",
                filter=Q(signups__status=status.CONFIRMED, signups__checked_in_at__isnull=False),
            ),
            promoted_count=Count("signups", filter=Q(signups__promoted_at__isnull=False)),
        )
        rows.extend(pages)
    rows.sort(key=lambda page: page.signup_deadline() or timezone.now(), reverse=True)
    return rows


def index_view(request):
    _require(request.user, "view_signup")
    return TemplateResponse(
        request, "signups/admin/index.html", {"pages": signup_pages_with_counts()}
    )


def _signup_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, SignupSettingsMixin):
        raise Http404
    return page


def list_view(request, page_id):
    _require(request.user, "view_signup")
    page = _signup_page(page_id)
    status = request.GET.get("status", "")
    signups = Signup.objects.filter(page_id=page.pk).order_by("created_at", "pk")
    if status in Signup.Status.values:
        signups = signups.filter(status=status)
    return TemplateResponse(
        request,
        "signups/admin/list.html",
        {
            "page": page,
            "signups": signups,
            "full": may_see_full_data(request.user),
            "can_check_in": request.user.has_perm("signups.change_signup"),
            "status": status,
            "statuses": Signup.Status.choices,
            "extra_labels": [spec["label"] for spec in page.signup_extra_field_specs()],
        },
    )


@require_POST
def check_in_view(request, pk):
    _require(request.user, "change_signup")
    signup = get_object_or_404(Signup, pk=pk)
    if signup.status != Signup.Status.CONFIRMED:
        messages.error(request, _("只有已确认的报名可以签到。"))
    elif signup.checked_in_at:
        signup.checked_in_at = None
        signup.save(update_fields=["checked_in_at"])
        messages.success(request, _("已撤销签到：%(who)s") % {"who": signup})
    else:
        signup.checked_in_at = timezone.now()
        signup.save(update_fields=["checked_in_at"])
        messages.success(request, _("已签到：%(who)s") % {"who": signup})
    return redirect("signups_admin:list", page_id=signup.page_id)


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def export_view(request, page_id):
    _require(request.user, "view_signup")
    page = _signup_page(page_id)
    full = may_see_full_data(request.user)
    labels = [spec["label"] for spec in page.signup_extra_field_specs()]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"signups-{page.pk}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # Excel opens UTF-8 Chinese correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            _("姓名"),
            _("手机号"),
            _("人数"),
            _("状态"),
            _("报名时间"),
            _("候补转正时间"),
            _("签到时间"),
            _("取消时间"),
            _("同意个人信息告知的时间"),
            *labels,
        ]
    )
    for signup in Signup.objects.filter(page_id=page.pk).order_by("created_at", "pk"):
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    signup.name if full else signup.masked_name,
                    signup.phone if full else signup.masked_phone,
                    signup.seats,
                    signup.get_status_display(),
                    _when(signup.created_at),
                    _when(signup.promoted_at),
                    _when(signup.checked_in_at),
                    _when(signup.cancelled_at),
                    _when(signup.consent_at),
                    *(
                        (signup.extra.get(label, "") if full else "***") if signup.extra else ""
                        for label in labels
                    ),
                )
            ]
        )
    return response
