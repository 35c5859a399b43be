import hashlib
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
HONEYPOT = "website"


def retention_days():
    return settings.SIGNUP_RETENTION_DAYS


def notice_text():
    """The personal-information notice shown above the submit button (PIPL art. 17)."""
    return _(
        "安次区文化馆收集您的姓名、手机号及您填写的其他信息，仅用于本次活动的名额确认、"
        "签到和必要的联系，不作他用，不向第三方提供。报名信息在活动结束 %(days)s 天后自动删除。"
        "您可随时用取消链接撤回报名。"
    ) % {"days": retention_days()}


def notice_version():
    return hashlib.sha256(notice_text().encode("utf-8")).hexdigest()[:16]


def normalise_phone(value):
    return re.sub(r"[\s-]", "", value or "").removeprefix("+86")


class SignupForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    phone = forms.CharField(
        label=gettext_lazy("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("我已阅读并同意上述个人信息处理说明"),
        error_messages={"required": gettext_lazy("请阅读并同意个人信息处理说明后再提交。")},
    )
    # A field people never see; a bot filling every input fills it too.
    website = forms.CharField(
        required=False,
        label=gettext_lazy("请勿填写"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        limit = page.signup_per_person_limit
        if limit > 1:
            self.fields["seats"] = forms.TypedChoiceField(
                label=_("报名人数"),
                choices=[(n, str(n)) for n in range(1, limit + 1)],
                coerce=int,
                initial=1,
            )
        self.extra_specs = page.signup_extra_field_specs()
        for index, spec in enumerate(self.extra_specs):
            self.fields[f"extra_{index}"] = forms.CharField(
                label=spec["label"],
                required=spec["required"],
                max_length=200,
                help_text=_("收集原因：%(reason)s") % {"reason": spec["reason"]},
            )
        # The consent box and the trap come last, after every field asked.
        for name in ("consent", HONEYPOT):
            self.fields[name] = self.fields.pop(name)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("请填写姓名。"))
        return name

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        if not PHONE_RE.match(phone):
            raise forms.ValidationError(_("请填写 11 位中国大陆手机号，例如 13812345678。"))
        return phone

    @property
    def is_trapped(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    def visible_fields_only(self):
        return [field for field in self if field.name != HONEYPOT]

    def seats(self):
        return self.cleaned_data.get("seats", 1)

    def extra_values(self):
        return {
            spec["label"]: self.cleaned_data.get(f"extra_{index}", "")
            for index, spec in enumerate(self.extra_specs)
        }
