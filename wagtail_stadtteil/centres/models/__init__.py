from .base import CentreMemberBehaviour, ContactPerson, StadtteilPageMixin, find_centre
from .centre import (
    CentrePage,
    CentrePartner,
    CentreSectionPage,
    CentreSocialLink,
    CentreTeamMember,
)
from .listings import CentreIndexPage, ProgrammePage
from .pages import ConsultationHourPage, OfferPage, OfficeContactPerson, OfficePage

__all__ = [
    "CentreIndexPage",
    "CentreMemberBehaviour",
    "CentrePage",
    "CentrePartner",
    "CentreSectionPage",
    "CentreSocialLink",
    "CentreTeamMember",
    "ConsultationHourPage",
    "ContactPerson",
    "OfferPage",
    "OfficeContactPerson",
    "OfficePage",
    "ProgrammePage",
    "StadtteilPageMixin",
    "find_centre",
]
