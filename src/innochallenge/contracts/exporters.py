"""The approved subsidies as an .xlsx for the finance bureau: one row per application, Chinese headers
first, amounts as numbers with two decimals; no personal contact data. Dates are days in the campaign's
time zone (`TIME_ZONE`): an approval at 00:30 Beijing time is on that day, not on the UTC day before."""

from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.core.exporting import Column, Sheet, write_xlsx

#: Widths of the columns, in characters; the three amounts are written with two decimals.
WIDTHS = (6, 28, 12, 40, 18, 22, 28, 12, 16, 16, 16, 10, 12)
AMOUNT = "#,##0.00"


def approved_subsidies(applications) -> bytes:
    headers = [
        _("No."),
        _("Enterprise"),
        _("District"),
        _("Demand"),
        _("Contract number"),
        _("Technology-market registration number"),
        _("Provider"),
        _("Signed on"),
        _("Contract amount (CNY)"),
        _("R&D paid (CNY)"),
        _("Subsidy (CNY)"),
        _("State"),
        _("Approved on"),
    ]
    amounts = {8, 9, 10}
    columns = [
        Column(h, width=w, number_format=AMOUNT if i in amounts else None)
        for i, (h, w) in enumerate(zip(headers, WIDTHS, strict=True))
    ]
    total = 0
    rows = []
    applications = applications.select_related(
        "contract__enterprise", "contract__provider", "contract__demand__district"
    ).order_by("contract__demand__district__position", "contract__signed_on", "pk")
    for number, application in enumerate(applications, 1):
        contract = application.contract
        district = contract.demand.district
        rows.append(
            [
                number,
                contract.enterprise.name,
                district.name if district else "",
                f"{contract.demand.reference} {contract.demand.title}",
                contract.number,
                contract.registration_number,
                contract.provider.name,
                contract.signed_on,
                float(contract.amount_yuan),
                float(application.paid_rd_yuan),
                float(application.amount_yuan),
                application.get_state_display(),
                timezone.localdate(application.decided_at) if application.decided_at else None,
            ]
        )
        total += application.amount_yuan
    rows.append([None, _("Total"), None, None, None, None, None, None, None, None, float(total)])
    return write_xlsx(Sheet(_("Approved subsidies"), columns, rows))
