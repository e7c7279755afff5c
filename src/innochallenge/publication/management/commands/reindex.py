"""`innochallenge reindex`: cut the search terms of every published demand again (after a change of the
dictionary or of the masking rules). The web processes notice the new terms by themselves."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innochallenge.publication.services import reindex_catalog


class Command(BaseCommand):
    help = _("Rebuild the search terms of the public catalog from the database.")

    def handle(self, *args, **options):
        count = reindex_catalog()
        self.stdout.write(_("%(n)s published demands reindexed.") % {"n": count})
