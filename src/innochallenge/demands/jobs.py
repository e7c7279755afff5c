"""The demand-import job: files uploaded on the batch page are imported by the task worker."""

import shutil
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from innochallenge.campaigns.models import Campaign
from innochallenge.demands.importing import import_files
from innochallenge.jobs.registry import job_kind
from innochallenge.jobs.services import JobFailure

IMPORT_DEMANDS = "demands.import"


def upload_dir(token: str) -> Path:
    """Where a batch waits for the worker: under VAR_DIR, never under the web root."""
    return Path(settings.VAR_DIR) / "uploads" / "demands" / token


@job_kind(IMPORT_DEMANDS, result_template="demands/_import_report.html")
def run_import(job, progress) -> dict:
    campaign = Campaign.objects.filter(slug=job.params["campaign"]).first()
    if campaign is None:
        raise JobFailure(_("The campaign %(slug)s no longer exists.") % {"slug": job.params["campaign"]})
    folder = upload_dir(job.params["token"])
    files = []
    for stored, name in job.params["files"]:
        path = folder / stored
        if not path.exists():
            raise JobFailure(
                _("The uploaded file %(name)s is missing; upload the batch again.") % {"name": name}
            )
        files.append((name, path.read_bytes()))
    progress(0, len(files), _("Reading the files"))
    reports = import_files(campaign, files, by=job.created_by, progress=progress)
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "reports": [r.as_dict() for r in reports],
        "created": sum(len(r.created) for r in reports),
        "refused": sum(not r.ok for r in reports),
        "duplicates": sum(len(r.duplicates) for r in reports),
        "url": reverse("demands:list") + f"?campaign={campaign.slug}",
    }
