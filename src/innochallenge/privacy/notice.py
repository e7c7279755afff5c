"""The privacy notice: its version and what it says about the current campaign.

The text lives in `templates/privacy/_notice_<lang>.html`. Whoever changes it raises NOTICE_VERSION (or,
for a text overridden by the operator, sets PRIVACY_NOTICE_VERSION): every signed-in person is then asked
to accept the new version before going on."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from innochallenge.campaigns.enums import OrganiserRole, Stage
from innochallenge.campaigns.models import Campaign

#: The version of the bundled text.
NOTICE_VERSION = "2021.1"


def current_version() -> str:
    return getattr(settings, "PRIVACY_NOTICE_VERSION", "") or NOTICE_VERSION


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention(campaign: Campaign | None) -> dict:
    """How long the campaign keeps personal information: years after its award ceremony, and until when."""
    if campaign is None:
        return {"years": 3, "until": None, "after": None}
    years = campaign.retention_years
    window = campaign.windows.filter(stage=Stage.CEREMONY).first()
    after = window.ends_on if window else campaign.ends_on
    return {"years": years, "after": after, "until": _years_later(after, years)}


def notice_context() -> dict:
    """What the notice page fills in: the version, the campaign, its undertakers (whom to contact) and the
    retention period."""
    campaign = Campaign.objects.current(timezone.localdate())
    undertakers = list(campaign.organisers.filter(role=OrganiserRole.UNDERTAKER)) if campaign else []
    return {
        "version": current_version(),
        "campaign": campaign,
        "undertakers": undertakers,
        "retention": retention(campaign),
    }
