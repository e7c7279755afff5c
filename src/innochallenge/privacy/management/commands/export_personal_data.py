from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from innochallenge.privacy.services import export_archive


class Command(BaseCommand):
    help = (
        "Write everything the site holds about one person to a .zip (data.json and their files), "
        "for the organiser answering a request by letter; recorded in the audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the person's user name")
        parser.add_argument("-o", "--output", required=True, help="the .zip to write")

    def handle(self, *args, user, output, **options):
        person = get_user_model().objects.filter(username=user).first()
        if person is None:
            raise CommandError(f"no such user: {user}")
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        names = export_archive(person, path, by=None)
        self.stdout.write(f"{path}: data.json and {len(names) - 1} files of {person.get_username()}")
