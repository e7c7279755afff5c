"""The achievement-import job: files uploaded on the library's import page are imported by the worker.

A library export of a technology-transfer office runs to tens of thousands of rows; reading, checking and
saving it takes longer than a request may, so the page stores the files and the worker imports them,
reporting its progress file by file and every thousand rows.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from innochallenge.jobs.registry import job_kind
from innochallenge.jobs.services import JobFailure
from innochallenge.matching import index
from innochallenge.matching.importing import import_file

IMPORT_ACHIEVEMENTS = "matching.import_achievements"


def upload_dir(token: str) -> Path:
    """Where a batch waits for the worker: under VAR_DIR, never under the web root."""
    return Path(settings.VAR_DIR) / "uploads" / "achievements" / token


@job_kind(IMPORT_ACHIEVEMENTS, result_template="matching/_import_report.html")
def run_import(job, progress) -> dict:
    # The report is written in the language of the person who uploaded the files.
    with translation.override(job.params.get("lang") or settings.LANGUAGE_CODE):
        return _import(job, progress)


def _import(job, progress) -> dict:
    folder = upload_dir(job.params["token"])
    files = job.params["files"]
    for stored, name in files:
        if not (folder / stored).exists():
            raise JobFailure(
                _("The uploaded file %(name)s is missing; upload the batch again.") % {"name": name}
            )
    reports = []
    for i, (stored, name) in enumerate(files, start=1):
        progress(i - 1, len(files), name)
        reports.append(
            import_file(name, (folder / stored).read_bytes(), by=job.created_by, progress=progress)
        )
    progress(len(files), len(files), _("Done"))
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "reports": [r.as_dict() for r in reports],
        "created": sum(r.created for r in reports),
        "updated": sum(r.updated for r in reports),
        "unchanged": sum(r.unchanged for r in reports),
        "duplicates": sum(r.duplicate_count for r in reports),
        "refused": sum(not r.ok for r in reports),
        "url": reverse("matching:library"),
    }


REINDEX = "matching.reindex"


@job_kind(REINDEX)
def run_reindex(job, progress) -> dict:
    """Rebuild the matching index from the database, then encode the vectors that are missing or stale
    (the slow part: a few documents a second), with progress after each batch."""

    documents = index.rebuild(progress=progress)
    encoded = index.encode_pending(progress=progress) if index.dense_enabled() else 0
    return {"documents": documents, "vectors_encoded": encoded}
