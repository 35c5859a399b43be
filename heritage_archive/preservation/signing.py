"""Backup packages are signed with a key of the site's, so a restore knows they came from it.

BagIt's checksums prove that nothing changed by accident; anyone who edits a
file can recompute them. The signature is an HMAC-SHA256 over the bag's tag
manifest (tagmanifest-sha256.txt), which lists the SHA-256 of bagit.txt,
bag-info.txt and the payload manifest, which lists the SHA-256 of every file
under data/. One signature therefore covers every byte of the package.

The key is settings.BACKUP_SIGNING_KEY, or SECRET_KEY when that is empty,
derived with a salt of its own (Django's salted_hmac), so the signature is of
no use for anything else the site signs.

The signature lives in signature.txt, a tag file the tag manifest does not
list: it signs the tag manifest, so it cannot be part of it.
"""

import hmac
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

SIGNATURE_FILE = "signature.txt"
SIGNED_FILE = "tagmanifest-sha256.txt"
ALGORITHM = "HMAC-SHA256"
SALT = "heritage_archive.preservation.backup.signature"
KEY_ID_SALT = "heritage_archive.preservation.backup.key-id"


class SignatureError(Exception):
    """The package carries no signature, or not one made with this site's key."""


def signing_key():
    key = getattr(settings, "BACKUP_SIGNING_KEY", "") or settings.SECRET_KEY
    if not key:
        raise ImproperlyConfigured(
            _("未设置 BACKUP_SIGNING_KEY 或 SECRET_KEY，无法签名或核验备份包。")
        )
    return key


def key_id():
    """A short fingerprint of the key, to tell "another key" from "changed since signing"."""
    return salted_hmac(KEY_ID_SALT, b"", secret=signing_key(), algorithm="sha256").hexdigest()[:16]


def signature_of(data):
    return salted_hmac(SALT, data, secret=signing_key(), algorithm="sha256").hexdigest()


def sign_bag(bag_dir):
    """Write signature.txt for the bag's current tag manifest."""
    bag_dir = Path(bag_dir)
    signed = (bag_dir / SIGNED_FILE).read_bytes()
    (bag_dir / SIGNATURE_FILE).write_text(
        f"Algorithm: {ALGORITHM}\n"
        f"Key-Id: {key_id()}\n"
        f"Signed-File: {SIGNED_FILE}\n"
        f"Signature: {signature_of(signed)}\n",
        encoding="utf-8",
    )


def read_signature(bag_dir):
    fields = {}
    text = (Path(bag_dir) / SIGNATURE_FILE).read_text("utf-8")
    for line in text.splitlines():
        name, separator, value = line.partition(":")
        if separator:
            fields[name.strip()] = value.strip()
    return fields


def verify_bag(bag_dir):
    """Raise SignatureError unless signature.txt is this site's signature of the tag manifest."""
    bag_dir = Path(bag_dir)
    if not (bag_dir / SIGNATURE_FILE).is_file():
        raise SignatureError(
            _("备份包没有签名（%(file)s），无法确认它出自本站。") % {"file": SIGNATURE_FILE}
        )
    try:
        fields = read_signature(bag_dir)
    except (OSError, UnicodeDecodeError):
        fields = {}
    if fields.get("Algorithm") != ALGORITHM or fields.get("Signed-File") != SIGNED_FILE:
        raise SignatureError(_("备份包的签名文件 %(file)s 格式不对。") % {"file": SIGNATURE_FILE})
    if not (bag_dir / SIGNED_FILE).is_file():
        raise SignatureError(_("备份包缺少 %(file)s，无法核验签名。") % {"file": SIGNED_FILE})
    expected = signature_of((bag_dir / SIGNED_FILE).read_bytes())
    if hmac.compare_digest(expected, fields.get("Signature", "")):
        return
    if fields.get("Key-Id") != key_id():
        raise SignatureError(
            _(
                "备份包不是用本站的密钥签名的（BACKUP_SIGNING_KEY 或 SECRET_KEY 与导出时不同），"
                "或签名已被改动。"
            )
        )
    raise SignatureError(
        _("备份包签名不符：%(file)s 在签名后被改动过，包中的文件不是本站导出时的样子。")
        % {"file": SIGNED_FILE}
    )
