"""The campaign factories hang their objects on: the bundled hs2021 edition, loaded once per test."""

from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.models import Campaign
from innochallenge.campaigns.services import load_preset


def hs2021() -> Campaign:
    """The hs2021 campaign, loaded as `innochallenge load-preset hs2021` does unless a test has it already
    (the `hs2021` fixture); factories default to it."""
    return Campaign.objects.filter(slug="hs2021").first() or load_preset(presets.read("hs2021")).campaign


def option(options, name: str):
    """The campaign's choice called `name` (a district, field, bracket or mode by its Chinese name), else its
    first one, so the factories also fill demands of another edition."""
    return options.filter(name=name).first() or options.first()
