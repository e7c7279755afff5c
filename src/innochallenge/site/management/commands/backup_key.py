"""`innochallenge backup-key KEYFILE`: make the key `backup --encrypt KEYFILE` and `restore --key KEYFILE`
use (32 random bytes, the file readable by its owner only; an existing file is never overwritten)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from innochallenge.site.backup_crypto import CryptoError, key_id, new_key_file, read_key_file


class Command(BaseCommand):
    help = _("Make a new key file for encrypted backups.")

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help=_("the key file to write, e.g. /etc/innochallenge/backup.key")
        )

    def handle(self, *args, path: Path, **options):
        try:
            new_key_file(path)
        except CryptoError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("wrote a new backup key to %(path)s (key id %(id)s); keep a copy apart from the backups")
            % {"path": path, "id": key_id(read_key_file(path)).hex()}
        )
