"""Admin wiring of the centres app: what the page tree shows and allows
across centres (DESIGN decision 4)."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext
from wagtail import hooks

from .models import CentrePage, find_centre
from .models.schedules import (
    ConsultationHourDateChange,
    ConsultationHourSchedule,
    OfferDateChange,
    OfferSchedule,
)
from .permissions import managed_centre_ids
from .viewsets import consultation_hour_listing_viewset, offer_listing_viewset

#: (model, its room field) of the page rows that hold a room.
ROOM_ROWS = [
    (OfferSchedule, "room"),
    (ConsultationHourSchedule, "room"),
    (OfferDateChange, "new_room"),
    (ConsultationHourDateChange, "new_room"),
]


@hooks.register("register_admin_viewset")
def register_offer_listing():
    """The listing of every offer of the centres the user manages, with
    spreadsheet import and export."""
    return offer_listing_viewset


@hooks.register("register_admin_viewset")
def register_consultation_hour_listing():
    """The same for consultation hours."""
    return consultation_hour_listing_viewset


@hooks.register("construct_page_chooser_queryset")
def hide_other_centres_drafts(pages, request):
    """The page chooser (for links) lists other centres' published pages,
    not their drafts: a draft's title is the centre's business."""
    user = request.user
    if user.is_superuser:
        return pages
    others = CentrePage.objects.exclude(pk__in=managed_centre_ids(user)).values_list(
        "path", flat=True
    )
    inside = Q(pk__in=[])
    for path in others:
        inside |= Q(path__startswith=path)
    return pages.exclude(inside & Q(live=False))


def centre_key(page):
    centre = page if isinstance(page, CentrePage) else find_centre(page)
    return centre.translation_key if centre is not None else None


@hooks.register("before_move_page")
def keep_rooms_in_their_centre(request, page, destination):
    """Refuse to move pages whose dates take place in a centre's rooms to
    another centre (or out of any): the rooms would stay behind."""
    source = centre_key(page)
    if source is None or centre_key(destination.specific) == source:
        return None
    for model, field in ROOM_ROWS:
        rows = model.objects.filter(page__path__startswith=page.path).exclude(**{field: None})
        if rows.exists():
            messages.error(
                request,
                gettext(
                    "“%(page)s” has dates in rooms of its centre, which cannot go with it. "
                    "Remove the rooms from its dates first, or create the offer anew "
                    "at the other centre."
                )
                % {"page": page.title},
            )
            return redirect("wagtailadmin_pages:move", page.pk)
    return None
