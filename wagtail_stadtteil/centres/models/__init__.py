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
from .projects import ProjectPage, QualityStandardBlock, YearlyGoal
from .schedules import (
    CentreClosure,
    CentreOpeningHours,
    CentreSpecialOpeningHours,
    ConsultationHourDateChange,
    ConsultationHourSchedule,
    OfferDateChange,
    OfferSchedule,
    Weekday,
)
from .scheduling import ScheduledPageBehaviour, writes_occurrences

__all__ = [
    "CentreClosure",
    "CentreIndexPage",
    "CentreMemberBehaviour",
    "CentreOpeningHours",
    "CentrePage",
    "CentrePartner",
    "CentreSectionPage",
    "CentreSocialLink",
    "CentreSpecialOpeningHours",
    "CentreTeamMember",
    "ConsultationHourDateChange",
    "ConsultationHourPage",
    "ConsultationHourSchedule",
    "ContactPerson",
    "OfferDateChange",
    "OfferPage",
    "OfferSchedule",
    "OfficeContactPerson",
    "OfficePage",
    "ProgrammePage",
    "ProjectPage",
    "QualityStandardBlock",
    "ScheduledPageBehaviour",
    "StadtteilPageMixin",
    "Weekday",
    "YearlyGoal",
    "find_centre",
    "writes_occurrences",
]
