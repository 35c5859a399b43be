from django import template

from ..booking import seats_of
from ..models import SignupSettingsMixin

register = template.Library()


@register.inclusion_tag("signups/panel.html")
def signup_panel(page):
    """Seats left and the way to the form, on an event or course page."""
    if not isinstance(page, SignupSettingsMixin) or not page.signup_enabled:
        return {"page": None}
    return {"page": page, "seats": seats_of(page), "is_open": page.signup_is_open()}


@register.filter
def extra_value(extra, label):
    """The visitor's answer to the extra field ``label``."""
    return (extra or {}).get(label, "")
