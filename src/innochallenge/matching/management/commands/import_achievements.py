"""`innochallenge import-achievements FILE…`: fill the achievement library from CSV, Excel or JSON Lines."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from innochallenge.matching.importing import SUFFIXES, import_file


class Command(BaseCommand):
    help = (
        "Import technology achievements from .csv, .xlsx and .jsonl files into the library. Each file is "
        "all or nothing; an achievement already there (same title and owner) is updated. "
        "Exit status 1 when any file was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="files or folders (folders are searched for files)")
        parser.add_argument("--user", help="the user recorded as importer in the audit trail")
        parser.add_argument(
            "--lang", choices=["zh-hans", "en"], default="zh-hans", help="language of the report"
        )

    def handle(self, *args, files, user, lang, **options):
        translation.activate(lang)
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(_("No such user: %(name)s") % {"name": user})
        paths = self._expand(files)
        refused = created = updated = 0
        width = len(str(len(paths)))
        for i, path in enumerate(paths, start=1):
            report = import_file(path.name, path.read_bytes(), by=importer)
            head = f"[{i:>{width}}/{len(paths)}] {path}"
            if report.ok:
                created, updated = created + report.created, updated + report.updated
                line = _(
                    "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(duplicates)s duplicates"
                ) % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "duplicates": report.duplicate_count,
                }
                self.stdout.write(f"{head}: {line}")
            else:
                refused += 1
                self.stdout.write(self.style.ERROR(f"{head}: " + _("refused, nothing saved")))
            for problem in report.problems:
                self.stdout.write(f"    {problem}")
            if report.problem_count > len(report.problems):
                more = report.problem_count - len(report.problems)
                self.stdout.write("    " + _("… and %(n)s more errors") % {"n": more})
        summary = _(
            "%(created)s achievements created and %(updated)s updated from %(files)s files; "
            "%(refused)s files refused."
        ) % {"created": created, "updated": updated, "files": len(paths), "refused": refused}
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
            raise CommandError(_("No .csv, .xlsx or .jsonl file found."))
        return paths
