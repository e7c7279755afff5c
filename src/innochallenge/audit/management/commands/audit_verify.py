from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innochallenge.audit.services import count_erased, verify_chain


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
        erased = count_erased()
        if erased:
            # Erased entries are counted: their personal values are gone (only digests are left), which
            # the chain proves were there and were removed by a recorded erasure, not what they were.
            message = ngettext(
                "%(count)d entry, chain intact, %(erased)d erased",
                "%(count)d entries, chain intact, %(erased)d erased",
                count,
            )
        else:
            message = ngettext("%(count)d entry, chain intact", "%(count)d entries, chain intact", count)
        self.stdout.write(message % {"count": count, "erased": erased})
