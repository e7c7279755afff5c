import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innochallenge.campaigns.models import Campaign
from innochallenge.demands.importing import (
    SUFFIXES,
    Problem,
    campaign_options,
    existing_keys,
    import_file,
    where,
)


def _problem_line(unit: str, p: Problem) -> str:
    """One problem of the report in the active language: 第 3 行，企业名称：……"""
    if p.row is None:
        return (
            _("%(field)s: %(message)s") % {"field": p.label, "message": p.message} if p.label else p.message
        )
    if not p.label:
        return _("%(where)s: %(message)s") % {"where": where(unit, p.row), "message": p.message}
    return _("%(where)s, %(field)s: %(message)s") % {
        "where": where(unit, p.row),
        "field": p.label,
        "message": p.message,
    }


class Command(BaseCommand):
    help = (
        "Import demand forms (.docx) and sheets (.xlsx, .csv). Each file is all or nothing; "
        "exit status 1 when any file was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="files or folders (folders are searched for forms)")
        parser.add_argument("--campaign", help="campaign code (default: the campaign running today)")
        parser.add_argument("--user", help="the organiser or liaison recorded as importer")
        parser.add_argument(
            "--lang", choices=["zh-hans", "en"], default="zh-hans", help="language of the report"
        )

    def handle(self, *args, files, campaign, user, lang, **options):
        translation.activate(lang)
        campaign_obj = (
            Campaign.objects.filter(slug=campaign).first()
            if campaign
            else Campaign.objects.current(timezone.localdate())
        )
        if campaign_obj is None:
            raise CommandError(_("No such campaign: %(slug)s") % {"slug": campaign or "-"})
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(_("No such user: %(name)s") % {"name": user})
        paths = self._expand(files)
        options_ = campaign_options(campaign_obj)
        existing = existing_keys(campaign_obj)
        refused = created = 0
        for i, path in enumerate(paths, start=1):
            report = import_file(
                campaign_obj, path.name, path.read_bytes(), by=importer, options=options_, existing=existing
            )
            created += len(report.created)
            width = len(str(len(paths)))
            head = f"[{i:>{width}}/{len(paths)}] {path}"
            if report.ok:
                self.stdout.write(f"{head}: " + _("%(n)s imported") % {"n": len(report.created)})
            else:
                refused += 1
                self.stdout.write(self.style.ERROR(f"{head}: " + _("refused, nothing saved")))
            for p in report.problems:
                self.stdout.write("    " + _problem_line(report.unit, p))
            for d in report.duplicates:
                line = _("%(where)s: already filed, skipped: %(company)s · %(title)s") % {
                    "where": where(report.unit, d["row"]),
                    "company": d["company_name"],
                    "title": d["title"],
                }
                self.stdout.write(f"    {line}")
        summary = _("%(created)s demands imported from %(files)s files; %(refused)s files refused.") % {
            "created": created,
            "files": len(paths),
            "refused": refused,
        }
        self.stdout.write(self.style.SUCCESS(summary) if not refused else self.style.WARNING(summary))
        if refused:
            sys.exit(1)

    def _expand(self, files) -> list[Path]:
        paths = []
        for name in files:
            path = Path(name)
            if path.is_dir():
                paths.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
            elif path.is_file():
                paths.append(path)
            else:
                raise CommandError(_("No such file: %(name)s") % {"name": name})
        if not paths:
            raise CommandError(_("No .docx, .xlsx or .csv file found."))
        return paths
