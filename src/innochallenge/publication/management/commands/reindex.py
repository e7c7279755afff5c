"""`innochallenge reindex`: cut the search terms of every published demand again (after a change of the
dictionary or of the masking rules), rebuild the matching index from the database, and encode the
vectors that are missing or stale. The web processes notice the new index by themselves."""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innochallenge.matching import index as matching
from innochallenge.publication.services import reindex_catalog


class Command(BaseCommand):
    help = _("Rebuild the public catalog's search terms and the matching index from the database.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-vectors", action="store_true", help=_("leave the vectors to the task worker")
        )

    def handle(self, *args, **options):
        count = reindex_catalog()
        self.stdout.write(_("%(n)s published demands reindexed.") % {"n": count})
        documents = matching.rebuild()
        self.stdout.write(_("Matching index: %(n)s documents.") % {"n": documents})
        if options["no_vectors"] or not matching.dense_enabled():
            return

        def progress(done, total, message=""):
            width = 30
            filled = width * done // total if total else width
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message}")

        encoded = matching.encode_pending(progress=progress)
        sys.stderr.write("\n" if encoded else "")
        self.stdout.write(_("Vectors encoded: %(n)s.") % {"n": encoded})
