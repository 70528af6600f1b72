"""Import a roster from the command line, with the same checks and report as the admin.

Exits with status 1 when the file cannot be read or any row is wrong, so a script running the
import notices; nothing is saved in that case.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.people.roster import MAX_FILE_BYTES, RosterFileError, roster_read
from lms.people.selectors import roster_review
from lms.people.services import RosterRejected, roster_import


class Command(BaseCommand):
    help = "Import people from an .xlsx roster in the template's format (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .xlsx roster")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, but save nothing"
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            size = file.stat().st_size
        except OSError as error:
            raise CommandError(
                _("Cannot open %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        if size > MAX_FILE_BYTES:
            raise CommandError(
                _("The file is larger than %(limit)d MB. Split the roster into smaller files.")
                % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
            )
        try:
            sheet = roster_read(file.read_bytes())
        except RosterFileError as error:
            raise CommandError(str(error)) from error

        if dry_run:
            report = roster_review(sheet=sheet)
            if not report.ok:
                self._fail(report.problems)
            self.stdout.write(
                ngettext(
                    "Every row is correct; %(count)d person would be created.",
                    "Every row is correct; %(count)d people would be created.",
                    len(report.entries),
                )
                % {"count": len(report.entries)}
            )
            return

        try:
            created = roster_import(sheet=sheet, actor=None)
        except RosterRejected as rejected:
            self._fail(rejected.problems)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext("%(count)d person imported.", "%(count)d people imported.", len(created))
                % {"count": len(created)}
            )
        )

    def _fail(self, problems):
        for problem in problems:
            if problem.row:
                line = _("Row %(row)d, %(column)s: %(message)s") % {
                    "row": problem.row,
                    "column": problem.column or "-",
                    "message": problem.message,
                }
            else:
                line = problem.message
            self.stderr.write(line)
        rows = len({problem.row for problem in problems})
        raise CommandError(
            ngettext(
                "Nothing was imported: %(count)d row needs correcting.",
                "Nothing was imported: %(count)d rows need correcting.",
                rows,
            )
            % {"count": rows}
        )
