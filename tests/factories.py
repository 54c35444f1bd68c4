"""Small factory functions: each builds one thing the way the package expects it.

Pages are created the way editors and imports create them: ``parent.add_child``,
then a revision that is published (or left as a draft with ``publish=False``).
"""

from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from wagtail_stadtteil.centres.models import (
    CentreIndexPage,
    CentrePage,
    CentreSectionPage,
    ConsultationHourPage,
    OfferPage,
    OfficePage,
    ProgrammePage,
    ProjectPage,
)
from wagtail_stadtteil.core.models import District, FundingProgramme, Partner, TargetGroup, Theme


def site_root():
    """The root page of the default site (the city's home page)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def make_page(parent, model, title, publish=True, **fields):
    """Any page type below ``parent``; published unless ``publish=False``."""
    fields.setdefault("slug", slugify(title) or "page")
    page = model(title=title, live=publish, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_centre(parent=None, title="Stadthaus Laatzen", **fields):
    return make_page(parent or site_root(), CentrePage, title, **fields)


def make_section(centre, title="Angebote", **fields):
    return make_page(centre, CentreSectionPage, title, **fields)


def make_offer(parent, title="Offenes Elterncafé", **fields):
    return make_page(parent, OfferPage, title, **fields)


def make_office(parent, title="Familienservicebüro", **fields):
    return make_page(parent, OfficePage, title, **fields)


def make_consultation_hour(parent, title="Rentenberatung", **fields):
    return make_page(parent, ConsultationHourPage, title, **fields)


def make_project(centre, title="Mittelpunkt Hüttenstraße – Quartiersmanagement", **fields):
    """A funded project's profile below ``centre``; ``yearly_goals`` as a list
    of YearlyGoal rows (unsaved)."""
    return make_page(centre, ProjectPage, title, **fields)


def make_centre_index(parent=None, title="Stadtteilzentren", **fields):
    return make_page(parent or site_root(), CentreIndexPage, title, **fields)


def make_programme(parent=None, title="Programm", **fields):
    return make_page(parent or site_root(), ProgrammePage, title, **fields)


def make_theme(slug, name=None, locale=None, **fields):
    return Theme.objects.create(
        slug=slug, name=name or slug.title(), locale=locale or Locale.get_default(), **fields
    )


def make_target_group(slug, name=None, locale=None, **fields):
    return TargetGroup.objects.create(
        slug=slug, name=name or slug.title(), locale=locale or Locale.get_default(), **fields
    )


def make_partner(name="Kinderschutzbund Laatzen", **fields):
    return Partner.objects.create(name=name, **fields)


def make_funding_programme(name="Sozialer Zusammenhalt", **fields):
    return FundingProgramme.objects.create(name=name, **fields)


def make_district(name, level=District.Level.QUARTER, parent=None, **fields):
    return District.objects.create(name=name, level=level, parent=parent, **fields)


def make_visitor_count(centre, date, count, offer=None, start_time=None, **fields):
    """Visitors counted by staff: for ``offer``'s date (at ``start_time``) or,
    without an offer, for the whole house on ``date``."""
    from wagtail_stadtteil.reports.models import VisitorCount

    return VisitorCount.objects.create(
        centre=centre, date=date, count=count, offer=offer, start_time=start_time, **fields
    )


def make_image(title="Foto"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def make_locale(language_code):
    return Locale.objects.get_or_create(language_code=language_code)[0]


def make_user(username="redaktion", groups=()):
    """A staff member who is no superuser: may do what their groups allow."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="password"
    )
    user.groups.set(groups)
    return user


def translate_tree_root(locale):
    """A translation of the site's home page into ``locale``, to hang pages of
    that language below."""
    home = site_root()
    translation = home.copy_for_translation(locale)
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific


# Admin form data ---------------------------------------------------------------


def admin_add_url(model, parent):
    """The Wagtail admin URL that creates a ``model`` page below ``parent``."""
    return f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"


def page_form_data(fields, multi=None):
    """What the page editor posts: nested fields flattened, multi-value fields
    (checkboxes) as lists, and the "Publish" button pressed."""
    data = nested_form_data({**fields, "action-publish": "action-publish"})
    data.update(multi or {})
    return data


def centre_form_data(**overrides):
    fields = {
        "title": "Stadthaus Laatzen",
        "slug": "stadthaus",
        "kind": "civic_centre",
        "intro": "",
        "body": streamfield([]),
        "opening_hours_note": "",
        "street": "Marktplatz 1",
        "postcode": "30880",
        "city": "Laatzen",
        "latitude": "",
        "longitude": "",
        "phone": "",
        "email": "",
        "website": "",
        "partner_roles": inline_formset([]),
        "social_links": inline_formset([]),
        "team_members": inline_formset([]),
        "opening_hours": inline_formset([]),
        "special_opening_hours": inline_formset([]),
        "closures": inline_formset([]),
        "holiday_state": "",
    }
    fields.update(overrides)
    return fields


def offer_form_data(**overrides):
    fields = {
        "title": "Deutschkurs für Eltern",
        "slug": "deutschkurs",
        "offer_kind": "course",
        "intro": "Deutsch lernen, während die Kinder betreut werden.",
        "body": streamfield([("paragraph", rich_text("<p>Jeden Dienstag.</p>"))]),
        "age_min": "18",
        "age_max": "99",
        "cost": "amount",
        "cost_amount": "12.50",
        "cost_note": "ermäßigt mit dem Laatzen-Pass",
        "registration_required": "on",
        "registration_how": "Anmeldung im Familienservicebüro",
        "step_free": "unknown",
        "accessibility_notes": "",
        "contact_name": "Frau Schmidt",
        "phone": "",
        "email": "kurs@laatzen.example",
        "website": "",
        "schedules": inline_formset([]),
        "date_changes": inline_formset([]),
    }
    fields.update(overrides)
    return fields


def consultation_hour_form_data(**overrides):
    fields = {
        "title": "Rentenberatung",
        "slug": "rentenberatung",
        "consultation_kind": "counselling",
        "topic": "Rente, Pflege, Wohngeld",
        "intro": "",
        "body": streamfield([]),
        "referrals": streamfield(
            [
                (
                    "referral",
                    {
                        "title": "Pflegestützpunkt",
                        "page": "",
                        "url": "https://pflege.example",
                        "description": "Beratung zur Pflege",
                        "phone": "0511 123",
                    },
                )
            ]
        ),
        "counsellor": "Herr Becker",
        "access": "appointment",
        "appointment_how": "Termin unter 0511 8205-55",
        "confidential": "on",
        "free_of_charge": "on",
        "schedules": inline_formset([]),
        "date_changes": inline_formset([]),
    }
    fields.update(overrides)
    return fields
