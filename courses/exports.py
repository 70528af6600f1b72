"""Excel exports for the office: learning hours per trainee over a period."""

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font


def hours_workbook(*, totals, ledger, start, end) -> bytes:
    """Two sheets: a total per trainee, and every ledger line behind the totals."""
    workbook = openpyxl.Workbook()
    summary = workbook.active
    summary.title = _("Totals")
    summary.append([_("Learning hours from %(start)s to %(end)s") % {"start": start, "end": end}])
    summary["A1"].font = Font(bold=True)
    summary.append([_("Name"), _("Username"), _("Community"), _("Hours")])
    for row in totals:
        summary.append(
            [row["display_name"], row["username"], row["community"] or "", float(row["total"])]
        )
    details = workbook.create_sheet(_("Ledger"))
    details.append(
        [
            _("Name"),
            _("Username"),
            _("Date"),
            _("Kind"),
            _("Activity"),
            _("Hours"),
            _("Reason"),
            _("Recorded by"),
        ]
    )
    for entry in ledger:
        details.append(
            [
                str(entry.trainee),
                entry.trainee.username,
                entry.earned_on,
                entry.get_kind_display(),
                entry.activity.title if entry.activity_id else "",
                float(entry.hours),
                entry.reason,
                str(entry.recorded_by) if entry.recorded_by_id else "",
            ]
        )
    for sheet in (summary, details):
        for column in "ABCDEFGH":
            sheet.column_dimensions[column].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
