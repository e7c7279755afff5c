from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innochallenge.accounts.enums import Role
from innochallenge.campaigns.models import Campaign
from innochallenge.demands import exporting


class Command(BaseCommand):
    help = "Export demands as the official form (.docx) or as a sheet (.xlsx, .csv)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(exporting.FORMATS), required=True)
        parser.add_argument("-o", "--output", required=True, help="file to write")
        parser.add_argument("--campaign", help="campaign code (default: the campaign running today)")
        parser.add_argument("--district", default="", help="district code: only that district's demands")
        parser.add_argument(
            "--user",
            help="export as this user (a liaison gets their district only; contacts only where allowed); "
            "default: the whole campaign with contacts, as an organiser",
        )
        parser.add_argument("--lang", choices=["zh", "en"], default="zh")

    def handle(self, *args, format, output, campaign, district, user, lang, **options):
        campaign_obj = (
            Campaign.objects.filter(slug=campaign).first()
            if campaign
            else Campaign.objects.current(timezone.localdate())
        )
        if campaign_obj is None:
            raise CommandError(f"no such campaign: {campaign or '-'}")
        reader = (
            get_user_model().objects.filter(username=user).first()
            if user
            else get_user_model()(username="cli", role=Role.ORGANISER, is_active=True)
        )
        if reader is None:
            raise CommandError(f"no such user: {user}")
        demands = exporting.demands_for_export(reader, campaign_obj, district)
        result = exporting.export(
            demands, format, user=reader, campaign=campaign_obj, lang=lang, name=district
        )
        Path(output).write_bytes(result.content)
        self.stdout.write(self.style.SUCCESS(f"{len(demands)} demands written to {output}"))
