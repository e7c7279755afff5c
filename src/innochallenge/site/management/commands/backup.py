"""`innochallenge backup PATH`: the database and the private uploads in one `.tar.gz`.

The archive holds `manifest.json` (format, engine, time, versions), the database (`database.sqlite3`, made
with SQLite's online backup API, or `database.pgdump`, made with `pg_dump --format=custom`) and the tree of
`PRIVATE_ROOT` under `private/`. Safe while the site runs. `innochallenge restore PATH` puts it back.
With `--encrypt KEYFILE` (a key made by `innochallenge backup-key KEYFILE`) the archive is AES-256-GCM
encrypted (site/backup_crypto.py).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from innochallenge.site.backup_crypto import CryptoError, read_key_file
from innochallenge.site.backups import BackupError, create_backup


class Command(BaseCommand):
    help = _(
        "Back up the database and the private uploads to one .tar.gz archive (safe while the site runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help=_("the archive to write, e.g. innochallenge-2026-05-01.tar.gz")
        )
        parser.add_argument(
            "--encrypt",
            type=Path,
            metavar="KEYFILE",
            help=_("encrypt the archive with the key in this file (made by `innochallenge backup-key`)"),
        )

    def handle(self, *args, path: Path, encrypt: Path | None = None, **options):
        try:
            key = read_key_file(encrypt) if encrypt else None
            manifest = create_backup(path, key=key)
        except (BackupError, CryptoError) as error:
            raise CommandError(str(error)) from error
        if key:
            self.stdout.write(
                _("backed up the %(engine)s database and the private files to %(path)s, encrypted")
                % {"engine": manifest.engine, "path": path}
            )
            return
        self.stdout.write(
            _("backed up the %(engine)s database and the private files to %(path)s")
            % {"engine": manifest.engine, "path": path}
        )
