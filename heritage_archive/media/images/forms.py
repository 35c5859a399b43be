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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = ArchiveImageField(
                required=field.required, label=field.label, widget=field.widget
            )
