"""Admin forms of visitor counts and survey results: only the centres (and
their offers, and documents) the user may use are offered, so a forged value
is refused as an invalid choice and nothing is saved."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from wagtail_stadtteil.centres.permissions import in_managed_centres


def managed(queryset, user, centre_field):
    """``queryset`` limited to the user's centres; unlimited for forms built
    without a user (the shell, the demo)."""
    return queryset if user is None else in_managed_centres(queryset, user, centre_field)


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        centre = obj.centre.title if obj.centre_id else ""
        return f"{obj.title} ({centre})" if centre else obj.title


class CentreScopedForm(WagtailAdminModelForm):
    """A row of a centre the user manages: the centre is a plain list of
    those centres (not a chooser of the whole page tree)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("centre")
        if field is None:
            return
        field.widget = forms.Select()
        # The centre in the default language only: its translations are the
        # same house, and a count recorded on each would count it twice.
        centres = field.queryset.filter(locale=Locale.get_default()).order_by("title")
        field.queryset = managed(centres, self.for_user, "pk")
        if not self.instance.pk and field.queryset.count() == 1:
            field.initial = field.queryset.get().pk


class VisitorCountForm(CentreScopedForm):
    """Offers come from the centres the user manages; the model's ``clean``
    checks that the offer is one of the chosen centre's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("offer")
        if field is None:
            return
        offers = managed(
            field.queryset.filter(locale=Locale.get_default())
            .select_related("centre")
            .order_by("centre__title", "title"),
            self.for_user,
            "centre_id",
        )
        self.fields["offer"] = OfferChoiceField(
            queryset=offers,
            required=False,
            label=field.label,
            help_text=field.help_text,
            widget=forms.Select(),
        )


class SurveyResultForm(CentreScopedForm):
    """The full report comes from the document collections the user may
    choose from."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("document")
        if field is None or self.for_user is None:
            return
        documents = policy_registry.get_by_type(get_document_model())
        field.queryset = documents.instances_user_has_any_permission_for(self.for_user, ["choose"])
