from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from heritage_archive.media.mediafiles.forms import StoresUploadDuringValidationMixin

from .validation import validate_image_file


class ArchiveImageField(WagtailImageField):
    """Wagtail's image field, run after the archive's own checks.

    The archive's checks come first because Wagtail's field asks Willow for
    the size and frame count, which fails with an unhandled error on a
    truncated file and would decode more than the header of a bomb.
    """

    def to_python(self, data):
        if data and hasattr(data, "read"):
            validate_image_file(data)
        return super().to_python(data)


class ArchiveImageForm(StoresUploadDuringValidationMixin, BaseImageForm):
    """Every image form of the admin: the image page, the chooser's upload and the multiple upload.

    The description is Wagtail's alt text. A gallery refuses an image without
    one (GalleryImageBase.clean), so it is asked for here, where the image is
    uploaded, rather than when the curator saves the page. Wagtail's multiple
    upload keeps a file whose other fields fail as an upload waiting for them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.help_text = _(
                "替代文字：向看不到图片的读者（读屏软件）说明图片内容，如“剪纸艺人在展示作品”。"
            )
            field.error_messages["required"] = _(
                "请填写图片描述（替代文字），图集中的图片必须有替代文字。"
            )
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = ArchiveImageField(
                required=field.required, label=field.label, widget=field.widget
            )
