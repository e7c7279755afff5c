"""The dashboard's tables as .xlsx (openpyxl). The rows are the page's own (`reports.tables`); the
headers are written Chinese first, then English, so a sheet passed on reads in either language."""

import io

from django.utils import timezone
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Font

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
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, table: Table) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = table.identifier[:31]
        sheet.append([header(c.label) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([None if v == "" else v for v in row.cells])
            if row.total:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        for index, column in enumerate(table.columns, 1):
            fmt = NUMBER_FORMATS.get(column.kind)
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = 14 if column.kind != "text" else 28
            if fmt:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = fmt
        sheet.freeze_panes = "A2"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def filename(self, campaign, table: Table) -> str:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return f"{campaign.slug}-{table.identifier}-{stamp}.xlsx"
