"""Spam and abuse protection of the public booking form, without third-party
captchas (no tracking, nothing a screen reader cannot pass):

* a **honeypot** field that people never see and robots fill in;
* a **minimum fill-in time**: the form carries the time it was shown, signed
  with the site's SECRET_KEY (``django.core.signing``); a form sent back
  faster than ``BOOKING["MIN_FILL_SECONDS"]`` is refused, a changed value too;
* **rate limits** per client address per hour and per email address per day,
  counted in the cache ``BOOKING["CACHE"]`` with ``cache.add`` + ``cache.incr``;
* a cap on **open requests** per email address
  (``BOOKING["MAX_OPEN_REQUESTS_PER_EMAIL"]``), read from the database.

The rate limits count *accepted* requests (saved ones), not attempts: a
resident who needs several rounds to get a long series right must not be
locked out by their own corrections, and what a flood costs the centre is
saved requests and mails. Attempts that fail validation cost a few bounded
queries and no mail. The windows are fixed (the clock hour, the local day),
so a sender may get up to twice the limit across a window's edge; that is
plenty to stop floods. Counters are keyed by a keyed hash of the address, so
the cache holds no email or IP address in plain text.

The client address is ``REMOTE_ADDR``. Behind a reverse proxy, make the
proxy's forwarded address the ``REMOTE_ADDR`` (e.g. by a middleware or the
WSGI server's proxy settings), or every visitor shares one limit.
"""

import datetime as dt
import time

from django.core import signing
from django.core.cache import caches
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.schedules.dates import local_zone

from .models import BookingRequest

FILL_SALT = "wagtail_stadtteil.booking.form_shown"
KEY_SALT = "wagtail_stadtteil.booking.rate_limit"
KEY_PREFIX = "stadtteil:booking"


class Refused(Exception):
    """A submission the protections refuse; ``message`` says why, in the
    active language, and ``field`` is the form field it concerns (or None)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def booking_setting(name):
    return stadtteil_settings.BOOKING[name]


# The honeypot -----------------------------------------------------------------


def check_honeypot(value):
    """Raise Refused when the field that people leave empty was filled in."""
    if value:
        raise Refused(
            _(
                "Your request could not be sent: the field “Leave this field empty” was "
                "filled in. Please empty it and send the form again."
            )
        )


# The minimum fill-in time --------------------------------------------------------


def fill_token(issued=None):
    """A signed token with the time the form was shown (default: now)."""
    issued = time.time() if issued is None else issued
    return signing.dumps(round(issued, 3), salt=FILL_SALT, compress=False)


def check_fill_time(token, now=None):
    """Raise Refused unless ``token`` is genuine and at least MIN_FILL_SECONDS old."""
    now = time.time() if now is None else now
    try:
        issued = float(signing.loads(token or "", salt=FILL_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        raise Refused(
            _(
                "Your request could not be checked, perhaps because the page was changed. "
                "Please check your entries and send the form again."
            )
        ) from None
    if now - issued < booking_setting("MIN_FILL_SECONDS"):
        raise Refused(
            _(
                "The form was sent very quickly after it was opened, as robots do. Please "
                "check your entries and send it again."
            )
        )
    return issued


def is_fill_token_genuine(token):
    try:
        float(signing.loads(token or "", salt=FILL_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return False
    return True


# Rate limits ------------------------------------------------------------------------


def client_address(request):
    return request.META.get("REMOTE_ADDR") or "unknown"


def _counter_keys(address, email, now):
    """(key, seconds until its window ends) for the address's hour and the
    email's local day."""
    hour = int(now // 3600)
    local_now = dt.datetime.fromtimestamp(now, local_zone())
    day = local_now.date()
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=local_zone())
    address_hash = salted_hmac(KEY_SALT, f"ip:{address}").hexdigest()[:32]
    email_hash = salted_hmac(KEY_SALT, f"email:{email.strip().lower()}").hexdigest()[:32]
    return (
        (f"{KEY_PREFIX}:ip:{address_hash}:{hour}", (hour + 1) * 3600 - now),
        (f"{KEY_PREFIX}:email:{email_hash}:{day.isoformat()}", midnight.timestamp() - now),
    )


def _cache():
    return caches[booking_setting("CACHE")]


def check_rate_limits(address, email, now=None):
    """Raise Refused when the address or the email has reached its limit."""
    now = time.time() if now is None else now
    (address_key, _seconds), (email_key, _seconds) = _counter_keys(address, email, now)
    cache = _cache()
    counts = cache.get_many([address_key, email_key])
    per_hour = booking_setting("MAX_REQUESTS_PER_IP_PER_HOUR")
    if counts.get(address_key, 0) >= per_hour:
        raise Refused(
            _(
                "Too many requests have been sent from your internet connection in the last "
                "hour. Please try again later, or contact the centre."
            )
        )
    per_day = booking_setting("MAX_REQUESTS_PER_EMAIL_PER_DAY")
    if counts.get(email_key, 0) >= per_day:
        raise Refused(
            ngettext(
                "Today %(count)d request has already been sent with this email address. "
                "Please try again tomorrow, or contact the centre.",
                "Today %(count)d requests have already been sent with this email address. "
                "Please try again tomorrow, or contact the centre.",
                per_day,
            )
            % {"count": per_day},
            field="email",
        )


def count_request(address, email, now=None):
    """Count an accepted request against the address's and the email's limits."""
    now = time.time() if now is None else now
    cache = _cache()
    for key, seconds in _counter_keys(address, email, now):
        # A minute of slack: the key must outlive its window, never the reverse.
        timeout = int(seconds) + 60
        cache.add(key, 0, timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout)
        # Some backends' incr() (database, file) writes the value back with the
        # default timeout; set the window's end again.
        cache.touch(key, timeout)


# Open requests -----------------------------------------------------------------------


def open_requests(email, now=None):
    """Requests of ``email`` that are undecided, or confirmed with a date ahead."""
    now = now or timezone.now()
    Status = BookingRequest.Status
    requests = BookingRequest.objects.filter(email__iexact=email.strip())
    return requests.filter(status=Status.REQUESTED) | requests.filter(
        status=Status.CONFIRMED, last_end__gt=now
    )


def check_open_requests(email, now=None):
    """Raise Refused when ``email`` already has MAX_OPEN_REQUESTS_PER_EMAIL open requests."""
    limit = booking_setting("MAX_OPEN_REQUESTS_PER_EMAIL")
    if open_requests(email, now).count() >= limit:
        raise Refused(
            ngettext(
                "There is already %(count)d open request with this email address. Please "
                "wait for the centre's answer, cancel a request you no longer need, or "
                "contact the centre.",
                "There are already %(count)d open requests with this email address. Please "
                "wait for the centre's answers, cancel a request you no longer need, or "
                "contact the centre.",
                limit,
            )
            % {"count": limit},
            field="email",
        )


def check_submission(request, email, now=None):
    """Raise Refused when the client or the email may not send another request now."""
    check_rate_limits(client_address(request), email)
    check_open_requests(email, now)
