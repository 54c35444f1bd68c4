"""Signed links for requesters (no account needed): the link in every mail
opens the request's status page, where it can be cancelled.

The token carries the reference number, signed with the site's SECRET_KEY
and a salt of its own, and a timestamp: a changed character or a link older
than ``BOOKING["LINK_MAX_AGE_DAYS"]`` is refused with a clear page.
"""

import datetime as dt

from django.core import signing
from django.urls import reverse

from wagtail_stadtteil.core.app_settings import stadtteil_settings

SALT = "wagtail_stadtteil.booking.status"


class BadLink(Exception):
    """The token was changed or is not a token at all."""


class ExpiredLink(Exception):
    """The token is genuine but older than LINK_MAX_AGE_DAYS."""


def make_token(booking):
    return signing.dumps(booking.reference, salt=SALT, compress=False)


def read_token(token):
    """The reference number in ``token``; raises BadLink or ExpiredLink."""
    max_age = dt.timedelta(days=stadtteil_settings.BOOKING["LINK_MAX_AGE_DAYS"])
    try:
        return signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise BadLink from error


def status_path(booking):
    return reverse("stadtteil_booking_status", kwargs={"token": make_token(booking)})


def status_url(booking):
    """The absolute address of the request's status page, on the centre's site."""
    site = booking.centre.get_site()
    root = site.root_url if site is not None else ""
    return f"{root}{status_path(booking)}"
