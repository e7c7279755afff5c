from django.core.management.base import BaseCommand, CommandError

from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.services import load_preset


class Command(BaseCommand):
    help = "Load a campaign preset: a bundled one by name (hs2021) or a YAML/JSON file. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("source", help="bundled preset name or path to a preset file")

    def handle(self, *args, source, **options):
        try:
            result = load_preset(presets.read(source))
        except presets.PresetError as exc:
            raise CommandError("the preset was not loaded:\n  " + "\n  ".join(exc.problems)) from exc
        campaign = result.campaign
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"created campaign {campaign.slug} ({campaign.name})"))
        elif result.changes:
            self.stdout.write(
                self.style.SUCCESS(f"updated campaign {campaign.slug}: {len(result.changes)} changes")
            )
            for key, (before, after) in result.changes.items():
                self.stdout.write(f"  {key}: {before} → {after}")
        else:
            self.stdout.write(f"campaign {campaign.slug} is already up to date; nothing changed")
