"""The import screen (非遗档案 → 导入): upload, dry-run report, confirm, progress, result.

Thin views over importer.jobs; only 非遗管理员 (the ``importer.run_import``
permission, core.roles) and superusers may use them.
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import jobs
from .forms import ImportUploadForm
from .models import ImportJob
from .readers import ReadError
from .uploads import UploadProblem

PERMISSION = "importer.run_import"
URL_NAMESPACE = "archive_import"


def can_import(user):
    return user.is_active and user.has_perm(PERMISSION)


def url(name, job=None):
    return reverse(f"{URL_NAMESPACE}:{name}", args=[job.pk] if job else [])


class ImportPermissionMixin:
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            # A 403 of its own: Wagtail would turn PermissionDenied into a
            # redirect to the dashboard, which says nothing to a script.
            return TemplateResponse(request, "importer/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": url("upload"), "label": _("导入")},
            {"url": "", "label": self.get_page_title()},
        ]


class JobMixin(ImportPermissionMixin):
    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.job = get_object_or_404(ImportJob, pk=pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(job=self.job, **kwargs)


class UploadView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    page_title = _("从表格导入记录")
    template_name = "importer/upload.html"
    form_class = ImportUploadForm

    def get_breadcrumbs_items(self):
        return WagtailAdminTemplateMixin.get_breadcrumbs_items(self) + [
            {"url": "", "label": _("导入")}
        ]

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            job = jobs.start(self.request.user, data["record_type"], data["sheet"], data["media"])
        except UploadProblem as problem:
            form.add_error(problem.field, str(problem))
            return self.form_invalid(form)
        except ReadError as error:
            for line in str(error).splitlines():
                form.add_error("sheet", line)
            return self.form_invalid(form)
        return redirect(url("report", job))

    def get_context_data(self, **kwargs):
        recent = ImportJob.objects.select_related("user")[:10]
        return super().get_context_data(recent_jobs=recent, **kwargs)


class ReportView(JobMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("试运行报告")
    template_name = "importer/report.html"

    def get(self, request, *args, **kwargs):
        if self.job.status not in (ImportJob.Status.READY, ImportJob.Status.INVALID):
            return redirect(url("progress", self.job))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.job.status == ImportJob.Status.INVALID:
            return redirect(url("report", self.job))
        jobs.confirm(self.job, request.user)
        return redirect(url("progress", self.job))


class ProgressView(JobMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("导入进度")
    template_name = "importer/progress.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            progress=jobs.progress_of(self.job),
            progress_url=url("progress_json", self.job),
            result_url=url("result", self.job),
            **kwargs,
        )


class ProgressJsonView(JobMixin, View):
    def get(self, request, *args, **kwargs):
        return JsonResponse(jobs.progress_of(self.job))


class ResultView(JobMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("导入结果")
    template_name = "importer/result.html"

    def get(self, request, *args, **kwargs):
        if self.job.status not in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
            return redirect(url("progress", self.job))
        return super().get(request, *args, **kwargs)
