from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innochallenge.retention.services import erase_expired


class Command(BaseCommand):
    help = _(
        "Erase the personal information of everyone who asked for it once no campaign keeps it any more "
        "(privacy.retention_years after the awards). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Only say whose data would be erased."))

    def handle(self, *args, dry_run=False, **options):
        due = erase_expired(dry_run=dry_run)
        for req in due:
            self.stdout.write(_("account %(id)s") % {"id": req.user_id})
        template = (
            ngettext(
                "%(count)d request due, nothing erased (dry run)",
                "%(count)d requests due, nothing erased (dry run)",
                len(due),
            )
            if dry_run
            else ngettext("%(count)d request erased", "%(count)d requests erased", len(due))
        )
        self.stdout.write(template % {"count": len(due)})
