from .settings import StadtteilSiteSettings
from .snippets import (
    District,
    DistrictIndicator,
    FundingProgramme,
    Partner,
    TargetGroup,
    Theme,
)

__all__ = [
    "District",
    "DistrictIndicator",
    "FundingProgramme",
    "Partner",
    "StadtteilSiteSettings",
    "TargetGroup",
    "Theme",
]
