"""The preset-loading job: an organiser uploads a preset file and the worker loads it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.services import load_preset
from innochallenge.jobs.registry import job_kind
from innochallenge.jobs.services import JobFailure

LOAD_PRESET = "campaigns.load_preset"


@job_kind(LOAD_PRESET)
def run_load_preset(job, progress) -> dict:
    progress(0, 2, _("Checking the preset"))
    try:
        preset = presets.validate(job.params["preset"])
    except presets.PresetError as exc:
        raise JobFailure(str(exc)) from exc
    progress(1, 2, _("Loading the campaign"))
    try:
        result = load_preset(preset, by=job.created_by)
    except presets.PresetError as exc:
        raise JobFailure(str(exc)) from exc
    progress(2, 2, _("Loaded"))
    return {
        "slug": result.campaign.slug,
        "created": result.created,
        "changes": len(result.changes),
        "url": reverse("campaigns:dashboard", args=[result.campaign.slug]),
    }
