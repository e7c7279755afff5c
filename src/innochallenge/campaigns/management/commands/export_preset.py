from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.models import Campaign
from innochallenge.campaigns.services import export_preset


class Command(BaseCommand):
    help = "Write a campaign out as a preset file (YAML, or JSON when the name ends in .json)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args, slug, output, **options):
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None:
            known = ", ".join(Campaign.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"no campaign {slug!r} (campaigns: {known})")
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"folder {path.parent} does not exist")
        presets.dump(export_preset(campaign), path)
        self.stdout.write(self.style.SUCCESS(f"wrote {path}"))
