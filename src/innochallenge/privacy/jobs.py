"""The job that builds a large personal-data archive in the task worker."""

from django.utils.translation import gettext as _

from innochallenge.accounts.models import User
from innochallenge.jobs.registry import job_kind
from innochallenge.jobs.services import JobFailure

EXPORT_PERSONAL_DATA = "privacy.export"


@job_kind(EXPORT_PERSONAL_DATA)
def run_export(job, progress) -> dict:
    from innochallenge.privacy.services import export_archive, export_path  # noqa: PLC0415 - services import this module's name

    user = User.objects.filter(pk=job.params["user"]).first()
    if user is None:
        raise JobFailure(_("The account no longer exists."))
    path = export_path(job.pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = export_archive(user, path, by=user, progress=progress)
    return {"files": len(names) - 1, "bytes": path.stat().st_size}
