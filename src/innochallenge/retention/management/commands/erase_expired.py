from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innochallenge.retention.services import erase_expired


class Command(BaseCommand):
    help = _(
        "Erase the contact data of campaigns whose retention period is over (privacy.retention_years after "
        "the awards), and the personal information of everyone who asked for it once no campaign keeps it. "
        "Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Only say whose data would be erased."))

    def handle(self, *args, dry_run=False, **options):
        expired, due = erase_expired(dry_run=dry_run)
        for campaign in expired:
            self.stdout.write(_("campaign %(slug)s: contacts and liaison records") % {"slug": campaign.slug})
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
