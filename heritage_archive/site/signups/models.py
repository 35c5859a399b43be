"""Sign-up (报名/预约) for events and courses: the settings a page carries and the sign-ups.

A page model takes part by inheriting ``SignupSettingsMixin`` (EventPage,
CoursePage); the app finds those models by that base class, never by name.
Sign-ups hold personal information (docs/signups.md): they are not pages, so
search, OAI-PMH, IIIF and the read API never see them, and the backup does
not carry this app's rows.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField


class ExtraFieldBlock(blocks.StructBlock):
    """One more thing to ask; the reason is shown to the visitor (PIPL: purpose)."""

    label = blocks.CharBlock(label=_("名称"), max_length=30)
    reason = blocks.CharBlock(label=_("收集原因（向报名者显示）"), max_length=120)
    required = blocks.BooleanBlock(label=_("必填"), required=False)

    class Meta:
        label = _("报名信息项")
        icon = "form"


class SignupSettingsMixin(models.Model):
    """What a curator sets for a page's sign-up; a page model inherits it."""

    signup_enabled = models.BooleanField(_("开放在线报名"), default=False)
    signup_opens_at = models.DateTimeField(_("报名开始时间"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(
        _("报名截止时间"),
        null=True,
        blank=True,
        help_text=_("留空则到活动或课程结束时截止。"),
    )
    signup_capacity = models.PositiveIntegerField(_("名额"), default=0)
    signup_per_person_limit = models.PositiveSmallIntegerField(
        _("每次报名最多人数"), default=1, help_text=_("一位报名者一次最多可为几人报名。")
    )
    signup_waitlist = models.BooleanField(_("名额已满时接受候补"), default=True)
    signup_extra_fields = StreamField(
        [("field", ExtraFieldBlock())],
        verbose_name=_("额外收集的信息"),
        blank=True,
        help_text=_("默认只收集姓名和手机号。确需更多信息时再添加，并写明原因。"),
    )

    signup_panels = [
        MultiFieldPanel(
            [
                FieldPanel("signup_enabled"),
                FieldRowPanel([FieldPanel("signup_opens_at"), FieldPanel("signup_closes_at")]),
                FieldRowPanel(
                    [
                        FieldPanel("signup_capacity"),
                        FieldPanel("signup_per_person_limit"),
                        FieldPanel("signup_waitlist"),
                    ]
                ),
                FieldPanel("signup_extra_fields"),
            ],
            heading=_("在线报名"),
        )
    ]

    class Meta:
        abstract = True

    # The model says when its activity is over; personal data is deleted
    # SIGNUP_RETENTION_DAYS after that (purge_signups).
    signup_finished_field = None

    def signup_finished_at(self):
        return getattr(self, self.signup_finished_field) if self.signup_finished_field else None

    def signup_deadline(self):
        return self.signup_closes_at or self.signup_finished_at()

    def signup_is_open(self, now=None):
        now = now or timezone.now()
        if not self.signup_enabled or self.signup_capacity < 1:
            return False
        if self.signup_opens_at and now < self.signup_opens_at:
            return False
        deadline = self.signup_deadline()
        return not (deadline and now >= deadline)

    def signup_extra_field_specs(self):
        return [
            {
                "label": block.value["label"],
                "reason": block.value["reason"],
                "required": bool(block.value["required"]),
            }
            for block in self.signup_extra_fields
        ]

    def clean(self):
        super().clean()
        if not self.signup_enabled:
            return
        errors = {}
        if self.signup_capacity < 1:
            errors["signup_capacity"] = _("开放报名时名额至少为 1。")
        if self.signup_per_person_limit < 1:
            errors["signup_per_person_limit"] = _("每次报名最多人数至少为 1。")
        if (
            self.signup_opens_at
            and self.signup_closes_at
            and self.signup_closes_at <= self.signup_opens_at
        ):
            errors["signup_closes_at"] = _("报名截止时间必须晚于开始时间。")
        if self.signup_finished_field and self.signup_finished_at() is None:
            errors[self.signup_finished_field] = _(
                "开放报名时须填写结束时间：报名信息在结束后按期删除。"
            )
        if errors:
            raise ValidationError(errors)


class Signup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("已确认")
        WAITLISTED = "waitlisted", _("候补")
        CANCELLED = "cancelled", _("已取消")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("活动或课程"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=11)
    seats = models.PositiveSmallIntegerField(_("人数"), default=1)
    extra = models.JSONField(_("其他信息"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices)
    consent_at = models.DateTimeField(_("同意个人信息告知的时间"))
    # Which wording of the notice the visitor agreed to (its digest).
    notice_version = models.CharField(_("告知版本"), max_length=16)
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    promoted_at = models.DateTimeField(_("候补转正时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    # Part of the signed cancel link; emptied when used, so the link works once.
    cancel_nonce = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["created_at", "pk"]
        permissions = [("view_full_signup", _("可查看报名者完整个人信息"))]
        constraints = [
            # The database refuses a second active sign-up of one phone for one
            # page, even from two requests at the same moment.
            models.UniqueConstraint(
                fields=["page", "phone"],
                condition=~Q(status="cancelled"),
                name="signup_one_active_per_phone",
            )
        ]
        indexes = [models.Index(fields=["page", "status", "created_at"])]

    def __str__(self):
        return f"{self.masked_name} {self.masked_phone}"

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    @property
    def masked_name(self):
        return mask_name(self.name)


class SignupLedger(models.Model):
    """One row per page with sign-up: the row every booking of that page locks first."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"ledger of page {self.page_id}"


def mask_phone(phone):
    """138****5678: the first three and last four digits."""
    phone = phone or ""
    if len(phone) < 8:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def mask_name(name):
    name = name or ""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""
