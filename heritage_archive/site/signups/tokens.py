"""Signed links: the receipt (who may look at a sign-up) and the single-use cancel link."""

from django.core import signing

RECEIPT_SALT = "signups.receipt"
CANCEL_SALT = "signups.cancel"


def receipt_token(signup):
    return signing.dumps(signup.pk, salt=RECEIPT_SALT, compress=True)


def cancel_token(signup):
    return signing.dumps([signup.pk, signup.cancel_nonce], salt=CANCEL_SALT, compress=True)


def read_receipt(token):
    try:
        value = signing.loads(token, salt=RECEIPT_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def read_cancel(token):
    """(signup id, nonce) or None for a link that was not made here."""
    try:
        value = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], str)
    ):
        return value[0], value[1]
    return None
