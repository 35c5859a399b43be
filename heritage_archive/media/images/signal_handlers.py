from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ArchiveImage
from .renditions import make_renditions


@receiver(post_save, sender=ArchiveImage)
def make_renditions_on_upload(sender, instance, **kwargs):
    # After commit, so a failed transaction leaves no orphan rendition files.
    transaction.on_commit(lambda: make_renditions(instance))
