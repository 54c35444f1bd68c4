"""Forms of the staff's booking admin: a decision's message to the requester,
the internal note and contact corrections, and the requester-data export."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

#: Longer messages belong in a phone call or a mail of their own.
MESSAGE_MAX_LENGTH = 5000


class DecisionForm(forms.Form):
    """Confirm, decline or cancel, with an optional message for the mail."""

    message = forms.CharField(
        label=_("Message to the requester"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Sent with the mail about the decision."),
    )


class BookingRequestEditForm(WagtailAdminModelForm):
    """The admin's edit form saves only its own fields.

    A decision made in the same moment (in another tab, by a colleague) must
    not be overwritten with the status this form loaded: the status, dates
    and decision change only through ``booking.services``.
    """

    def save(self, commit=True):
        instance = super().save(commit=False)
        if commit:
            instance.save(update_fields=[name for name in self._meta.fields if name in self.fields])
            self.save_m2m()
        return instance


class RequesterDataForm(forms.Form):
    """Whose data to export (Art. 15 GDPR: the right of access)."""

    email = forms.EmailField(
        label=_("Email address of the requester"),
        help_text=_("Every request made with this address, in the centres you manage."),
    )
