from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innochallenge.audit.services import verify_chain


class Command(BaseCommand):
    help = _(
        "Recompute the hash chain of the audit trail; exit non-zero naming the first entry where it breaks "
        "(content changed, link broken, entry deleted)."
    )

    def handle(self, *args, **options):
        count, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                _("audit chain broken at entry %(id)s: %(problem)s")
                % {"id": broken.entry_id, "problem": broken.problem}
            )
        self.stdout.write(
            ngettext("%(count)d entry, chain intact", "%(count)d entries, chain intact", count)
            % {"count": count}
        )
