"""`innochallenge restore PATH [--key KEYFILE] [--yes]`: put back what `innochallenge backup PATH` wrote
(an encrypted archive needs the key file it was made with).

Replaces the configured database (SQLite: copied in with the online backup API; PostgreSQL:
`pg_restore --clean --if-exists --no-owner --single-transaction`) and then the `PRIVATE_ROOT` folder, and
checks the audit chain. Refuses a backup of another database engine. Stop the site and the workers first.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innochallenge.audit.services import verify_chain
from innochallenge.site.backup_crypto import CryptoError, read_key_file
from innochallenge.site.backups import BackupError, engine_of, opened, read_manifest, restore_backup


class Command(BaseCommand):
    help = _("Restore the database and the private uploads from an archive written by `backup`.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help=_("the archive written by `innochallenge backup`"))
        parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
        parser.add_argument(
            "--key", type=Path, metavar="KEYFILE", help=_("the key file an encrypted archive was made with")
        )

    def handle(self, *args, path: Path, yes: bool, key: Path | None = None, **options):
        try:
            secret = read_key_file(key) if key else None
            with opened(path, secret) as plain:
                manifest = read_manifest(plain)
                if not yes:
                    self._confirm(manifest)
                restore_backup(plain)
        except (BackupError, CryptoError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("restored the database and the private files from the backup of %(created)s")
            % {"created": manifest.created}
        )
        count, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                _("restored, but the audit chain is broken at entry %(id)s: %(problem)s")
                % {"id": broken.entry_id, "problem": broken.problem}
            )
        self.stdout.write(
            ngettext("audit chain intact (%(count)d entry)", "audit chain intact (%(count)d entries)", count)
            % {"count": count}
        )

    def _confirm(self, manifest) -> None:
        question = _(
            "This replaces the %(engine)s database %(name)s and the files under %(files)s with the backup of "
            "%(created)s. Type 'yes' to continue: "
        ) % {
            "engine": engine_of(),
            "name": connections["default"].settings_dict["NAME"],
            "files": settings.PRIVATE_ROOT,
            "created": manifest.created,
        }
        if input(question).strip().lower() != "yes":
            raise CommandError(_("restore cancelled"))
