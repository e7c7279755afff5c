"""How long a person's data is kept: the campaigns that hold it and the day each lets it go."""

import datetime as dt

from django.db.models import Q

from innochallenge.campaigns.enums import Stage
from innochallenge.campaigns.models import Campaign


def awards_day(campaign: Campaign) -> dt.date:
    """The day of the awards: the end of the ceremony window (the campaign's end if it has none)."""
    window = next((w for w in campaign.windows.all() if w.stage == Stage.CEREMONY), None)
    return window.ends_on if window else campaign.ends_on


def kept_until(campaign: Campaign) -> dt.date:
    """The last day the campaign keeps personal data: `retention_years` (preset key
    `privacy.retention_years`) whole years after the awards; a 29 February falls on the 28th."""
    day = awards_day(campaign)
    years = day.year + campaign.retention_years
    try:
        return day.replace(year=years)
    except ValueError:
        return day.replace(year=years, day=28)


def campaigns_holding(user) -> list[Campaign]:
    """The campaigns that hold the person's data: demands they filed or their enterprise filed, solutions
    of their provider, judging rounds they sat on, events and financing meetings they registered for,
    their liaison district."""
    org = user.organisation_id
    by_org = Q(demands__organisation_id=org) | Q(demands__solutions__provider_id=org) if org else Q(pk__in=[])
    holding = (
        Q(demands__created_by=user)
        | by_org
        | Q(judging_rounds__panelists__judge=user)
        | Q(events__registrations__user=user)
        | Q(financing_registrations__registered_by=user)
    )
    if user.district_id:
        holding |= Q(districts=user.district_id)
    return list(Campaign.objects.filter(holding).distinct().prefetch_related("windows"))


def data_kept_until(user) -> dt.date | None:
    """The last day any campaign keeps the person's data; None when no campaign holds it."""
    days = [kept_until(c) for c in campaigns_holding(user)]
    return max(days) if days else None
