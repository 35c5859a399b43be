from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ImportJob
from .uploads import MAX_SHEET_BYTES, MAX_ZIP_BYTES, UploadProblem, sheet_suffix


class ImportUploadForm(forms.Form):
    record_type = forms.ChoiceField(label=_("记录类型"), choices=ImportJob.RECORD_TYPES)
    sheet = forms.FileField(
        label=_("表格文件"),
        help_text=_("CSV（UTF-8）或 XLSX，格式见导入说明；最大 %(max)s MB。")
        % {"max": MAX_SHEET_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    media = forms.FileField(
        label=_("媒体压缩包（可选）"),
        required=False,
        help_text=_(
            "表格中“图片”“音频”“视频”“肖像”列的路径，相对于压缩包的根目录；最大 %(max)s MB。"
        )
        % {"max": MAX_ZIP_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        try:
            sheet_suffix(sheet.name)
        except UploadProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return sheet
