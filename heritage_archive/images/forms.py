from wagtail.images.forms import BaseImageForm

from .validation import validate_image_file


class ArchiveImageForm(BaseImageForm):
    """The admin's image form, adding the archive's format and bomb checks."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and not getattr(file, "_committed", False):
            validate_image_file(file)
        return file
