"""The dashboard's tables as .xlsx (openpyxl). The rows are the page's own (`reports.tables`); the
headers are written Chinese first, then English, so a sheet passed on reads in either language."""

from django.utils import timezone
from django.utils.translation import override

from innochallenge.audit.reads import record_contact_export
from innochallenge.core.exporting import CONTENT_TYPES, XLSX, Column, Sheet, write_xlsx
from innochallenge.reports.tables import Table

NUMBER_FORMATS = {"yuan": "#,##0.00", "wan": "#,##0.00", "percent": "0.0%", "int": "0"}


def header(label) -> str:
    """A column's name in Chinese, then in English when the two differ: "签约率 Signing rate"."""
    with override("zh-hans"):
        zh = str(label)
    with override("en"):
        en = str(label)
    return zh if zh == en else f"{zh} {en}"


class XlsxExporter:
    identifier = "xlsx"
    label = "Excel (.xlsx)"
    content_type = CONTENT_TYPES[XLSX]

    def write(self, table: Table) -> bytes:
        sheet = Sheet(
            title=table.identifier,
            columns=[
                Column(
                    header(c.label),
                    width=14 if c.kind != "text" else 28,
                    number_format=NUMBER_FORMATS.get(c.kind),
                )
                for c in table.columns
            ],
            rows=[[None if v == "" else v for v in row.cells] for row in table.rows],
            bold_rows={i for i, row in enumerate(table.rows) if row.total},
        )
        return write_xlsx(sheet)

    def filename(self, campaign, table: Table) -> str:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return f"{campaign.slug}-{table.identifier}-{stamp}.xlsx"


def export_table(table: Table, *, user, campaign) -> bytes:
    """The table as .xlsx; one with personal contacts is written down as a sensitive read (audit/reads.py)."""
    content = XlsxExporter().write(table)
    if table.personal:
        record_contact_export(
            actor=user, export=f"{table.identifier}.xlsx", obj=campaign, rows=len(table.rows)
        )
    return content
