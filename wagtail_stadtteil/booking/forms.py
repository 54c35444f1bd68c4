"""The public booking form (Raumanfrage): a plain Django form served by the
centre page's route ``rooms/<room-slug>/book/`` (DESIGN §7: not Wagtail's
form builder, which stores free-form JSON and mails synchronously).

The form knows no booking rule. It turns what was entered into
``rules.Slot`` objects (one per date of a series) and asks
``rules.check_request`` what is wrong, mapping each ``Problem.field`` to its
form field. Input bounds that are no booking rule stay here: dates within
five years of today (the calendars' reach), at most 10,000 attendees and the
model's text lengths, so nothing out of range reaches the database.

A series (weekly or every other week) whose dates break rules on some days
lists those dates with a checkbox each (``drop_dates``); the requester sends
the form again with them left out, and only the other dates are requested.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.schedules.dates import local_zone

from . import fees, rules, spam
from .models import RequesterKind
from .services import Requester

#: How far from today a date may be entered at all (the calendars' reach).
REACH = dt.timedelta(days=5 * 366)
#: More people than any room of a district centre holds.
MAX_ATTENDEES = 10_000
MAX_MESSAGE_LENGTH = 5_000


class Repeat:
    """How a request repeats: the values of the ``repeat`` field."""

    ONCE, WEEKLY, FORTNIGHTLY = "", "weekly", "fortnightly"
    STEP_DAYS = {WEEKLY: 7, FORTNIGHTLY: 14}


REPEAT_CHOICES = [
    (Repeat.ONCE, pgettext_lazy("booking series", "Only once")),
    (Repeat.WEEKLY, pgettext_lazy("booking series", "Every week")),
    (Repeat.FORTNIGHTLY, pgettext_lazy("booking series", "Every other week")),
]


class DateListField(forms.Field):
    """A list of ISO dates sent by checkboxes (the dates to leave out)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": gettext_lazy("Choose dates from the list.")}

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple) or len(value) > 1000:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return sorted({dt.date.fromisoformat(str(item)) for item in value})
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def date_input():
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "autocomplete": "off"})


def time_input():
    return forms.TimeInput(format="%H:%M", attrs={"type": "time", "autocomplete": "off"})


class BookingForm(forms.Form):
    """A request for ``room``: when, what, who, and the agreement.

    After ``is_valid()``: ``slots`` (the dates to request, dropped ones left
    out), ``quote`` (the expected fee, or None) and ``series_items`` (the dates
    of a series that break a rule or were left out, for the list to drop
    them) are set.
    """

    date = forms.DateField(
        label=gettext_lazy("Date"),
        widget=date_input(),
        help_text=gettext_lazy("For a series: the first date."),
    )
    start_time = forms.TimeField(label=gettext_lazy("From"), widget=time_input())
    end_time = forms.TimeField(label=gettext_lazy("Until"), widget=time_input())
    repeat = forms.ChoiceField(label=gettext_lazy("Repeat"), choices=REPEAT_CHOICES, required=False)
    repeat_until = forms.DateField(
        label=gettext_lazy("Last date of the series"),
        widget=date_input(),
        required=False,
        help_text=gettext_lazy("Fill in either the last date or the number of dates."),
    )
    repeat_count = forms.IntegerField(label=gettext_lazy("Number of dates"), required=False)
    drop_dates = DateListField(label=gettext_lazy("Dates to leave out"), required=False)
    purpose = forms.CharField(
        label=gettext_lazy("What do you need the room for?"),
        max_length=500,
        help_text=gettext_lazy("For example: monthly meeting of our club. Only the staff see it."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    attendees = forms.IntegerField(
        label=gettext_lazy("Expected attendees"),
        min_value=1,
        max_value=MAX_ATTENDEES,
        widget=forms.NumberInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    requester_kind = forms.ChoiceField(
        label=gettext_lazy("Who is asking?"),
        choices=[("", gettext_lazy("Please choose")), *RequesterKind.choices],
        help_text=gettext_lazy("The fee depends on it: see the fees for this room."),
    )
    volunteer_confirmed = forms.BooleanField(
        label=gettext_lazy(
            "I have volunteered in the house regularly for more than a year "
            "(needed for private parties of volunteers)."
        ),
        required=False,
    )
    organisation = forms.CharField(
        label=gettext_lazy("Club, initiative or organisation"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    contact_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        help_text=gettext_lazy("We send the confirmation and our answer to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("For questions about your request."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the centre"),
        max_length=MAX_MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("I accept the house rules and have read the privacy notice."),
        error_messages={
            "required": gettext_lazy(
                "Please accept the house rules and confirm that you have read the privacy "
                "notice: without this we cannot take your request."
            )
        },
    )
    # Spam protection (see spam.py): the field people leave empty, and when
    # the form was shown. The template renders both itself.
    subject = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    #: The labels the error summary uses where the field's own label is long or markup.
    SUMMARY_LABELS = {
        "consent": gettext_lazy("House rules and privacy notice"),
        "volunteer_confirmed": gettext_lazy("Volunteering"),
        "drop_dates": gettext_lazy("Dates of the series"),
    }

    def __init__(self, *args, room, now=None, site_settings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.room = room
        self.now = now or timezone.now()
        self.slots = []
        self.series_days = []
        self.series_items = []
        self.quote = None
        most = stadtteil_settings.BOOKING["MAX_SERIES_DATES"]
        count = self.fields["repeat_count"]
        count.min_value, count.max_value = 1, most
        count.validators = [*count.validators, MinValueValidator(1), MaxValueValidator(most)]
        count.widget.attrs.update({"min": 1, "max": most, "inputmode": "numeric"})
        count.help_text = ngettext("At most %(count)d date.", "At most %(count)d dates.", most) % {
            "count": most
        }
        self.fields["consent"].label = consent_label(site_settings)
        self.fields["consent"].help_text = retention_text()

    @property
    def today(self):
        return timezone.localtime(self.now, local_zone()).date()

    # Cleaning --------------------------------------------------------------

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not self.today - REACH <= day <= self.today + REACH:
            raise ValidationError(_("Choose a date within five years of today."))
        return day

    def clean(self):
        data = super().clean()
        try:
            spam.check_honeypot(data.get("subject"))
            spam.check_fill_time(data.get("started"))
        except spam.Refused as refused:
            # Robots get no rule checks: they cost queries and tell nothing.
            self.add_error(None, refused.message)
            return data
        slots, gaps = self._build_slots(data)
        if slots is None:
            return data
        kind = data.get("requester_kind") or None
        problems = gaps + rules.check_request(
            self.room,
            slots,
            attendees=data.get("attendees"),
            requester_kind=kind,
            volunteer_confirmed=bool(data.get("volunteer_confirmed")) if kind else None,
            now=self.now,
        )
        self.add_problems(problems)
        dropped = set(data.get("drop_dates") or ())
        self.slots = sorted(
            (slot for slot in slots if slot.date not in dropped), key=lambda slot: slot.start
        )
        if len(self.series_days) > 1 and not self.slots and not self.has_error("drop_dates"):
            self.add_error("drop_dates", _("You have left out every date. Keep at least one."))
        if kind and self.slots:
            quote = fees.quote(self.room, kind, [slot.duration for slot in self.slots])
            self.quote = quote if quote.allowed else None
        return data

    def _build_slots(self, data):
        """(slots of every date, problems of dates whose time does not exist),
        or (None, []) when the dates cannot be built (field errors added)."""
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day is None or start is None or end is None:
            return None, []
        days = self._series(data, day)
        if days is None:
            return None, []
        self.series_days = days
        slots, gaps = [], []
        for each in days:
            try:
                slots.append(rules.make_slot(each, start, end))
            except rules.NonexistentTime as error:
                field = "start_time" if error.args[0] == start else "end_time"
                gaps.append(rules.nonexistent_time_problem(each, error.args[0], field))
            except ValueError:
                self.add_error(
                    "end_time",
                    _("The end must be after the start. Bookings end on the day they start."),
                )
                return None, []
        return slots, gaps

    def _series(self, data, day):
        """The dates of the request: ``day``, or the series starting on it."""
        repeat = data.get("repeat") or Repeat.ONCE
        if repeat == Repeat.ONCE:
            return [day]
        step = Repeat.STEP_DAYS[repeat]
        until, count = data.get("repeat_until"), data.get("repeat_count")
        if self.has_error("repeat_until") or self.has_error("repeat_count"):
            return None
        if until and count:
            self.add_error(
                "repeat_count", _("Fill in either the last date or the number of dates, not both.")
            )
            return None
        if not until and not count:
            self.add_error(
                "repeat_until",
                _("Say until when the request repeats: the last date or the number of dates."),
            )
            return None
        most = stadtteil_settings.BOOKING["MAX_SERIES_DATES"]
        if until:
            if until < day:
                self.add_error("repeat_until", _("The last date cannot be before the first."))
                return None
            count = (until - day).days // step + 1
            if count > most:
                self.add_error(
                    "repeat_until",
                    ngettext(
                        "A series has at most %(count)d date: choose an earlier last date.",
                        "A series has at most %(count)d dates: choose an earlier last date.",
                        most,
                    )
                    % {"count": most},
                )
                return None
        return [day + dt.timedelta(days=step * n) for n in range(count)]

    # Problems ----------------------------------------------------------------

    def add_problems(self, problems):
        """Show ``problems`` (rules.Problem) as form errors: on their field (or
        the whole form), or, for the dates of a series, in the list of dates
        to leave out. Used for the rules' answer and for BookingRefused."""
        is_series = len(self.series_days) > 1
        dropped = set(self.cleaned_data.get("drop_dates") or ()) if is_series else set()
        by_date = {}
        for problem in problems:
            if is_series and problem.date is not None:
                by_date.setdefault(problem.date, []).append(problem.message)
                continue
            field = problem.field if problem.field in self.fields else None
            if problem.message not in self.errors.get(field or "__all__", []):
                self.add_error(field, problem.message)
        if not is_series:
            return
        series = set(self.series_days)
        self.series_items = [
            {
                "date": day,
                "messages": by_date.get(day, []),
                "dropped": day in dropped,
                "value": day.isoformat(),
            }
            for day in sorted((set(by_date) | dropped) & series)
        ]
        blocking = [day for day in by_date if day not in dropped]
        if blocking:
            self.add_error(
                "drop_dates",
                ngettext(
                    "%(count)d date of the series cannot be booked. Leave it out below, or "
                    "change the time.",
                    "%(count)d dates of the series cannot be booked. Leave them out below, or "
                    "change the time.",
                    len(blocking),
                )
                % {"count": len(blocking)},
            )

    def requester(self):
        data = self.cleaned_data
        kind = data["requester_kind"]
        return Requester(
            requester_kind=kind,
            contact_name=data["contact_name"],
            email=data["email"],
            organisation=data.get("organisation", ""),
            phone=data.get("phone", ""),
            volunteer_confirmed=bool(data.get("volunteer_confirmed"))
            and kind == RequesterKind.VOLUNTEER,
        )

    def error_summary(self):
        """[{"href", "label", "message"}] of every error, in the form's order,
        for the summary at the top of the page."""
        summary = [
            {"href": "#booking-form", "label": "", "message": message}
            for message in self.non_field_errors()
        ]
        for name, field in self.fields.items():
            for message in self.errors.get(name, []):
                href = "#series-dates" if name == "drop_dates" else f"#{self[name].id_for_label}"
                label = self.SUMMARY_LABELS.get(name, field.label)
                summary.append({"href": href, "label": label, "message": message})
        return summary


def consent_label(site_settings=None):
    """The agreement's label, linking the site's house rules and privacy notice."""
    house_rules = _("house rules")
    privacy = _("privacy notice")
    if site_settings is not None and site_settings.house_rules_url:
        house_rules = format_html('<a href="{}">{}</a>', site_settings.house_rules_url, house_rules)
    if site_settings is not None and site_settings.privacy_url:
        privacy = format_html('<a href="{}">{}</a>', site_settings.privacy_url, privacy)
    return format_html(
        _("I accept the {house_rules} and have read the {privacy_notice}."),
        house_rules=house_rules,
        privacy_notice=privacy,
    )


def retention_text():
    days = stadtteil_settings.BOOKING["RETENTION_DAYS"]
    return ngettext(
        "We use your details only to handle this request. They are deleted %(days)d day "
        "after your booking has ended or your request was closed.",
        "We use your details only to handle this request. They are deleted %(days)d days "
        "after your booking has ended or your request was closed.",
        days,
    ) % {"days": days}


def initial_from_query(params, now=None):
    """``date``, ``start_time`` and ``end_time`` from the query string, to fill
    in the form (a link on a free time). Values that are no valid date or
    time, or a date out of reach, are left out without a word."""
    today = timezone.localtime(now or timezone.now(), local_zone()).date()
    initial = {}
    for name in ("date", "start_time", "end_time"):
        value = params.get(name)
        if not value or len(value) > 20:
            continue
        try:
            initial[name] = BookingForm.base_fields[name].clean(value)
        except ValidationError:
            continue
    if "date" in initial and not today - REACH <= initial["date"] <= today + REACH:
        del initial["date"]
    return initial
