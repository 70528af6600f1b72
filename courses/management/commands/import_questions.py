"""Import a question bank file from the command line, with the same checks as the admin.

Questions without a category go into the ``--category`` given or, without one, into the bank's
default category; questions of kinds the studio does not have are left out and listed, by type.

Exits with status 1 when anything in the file is refused; nothing is saved then. Without
``--user`` the import is made by the system (an operator on the server, who has no account in
the studio): it is recorded without an actor and skips the office check, which is why only this
command passes ``as_system`` to the service.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models.questions import PATH_SEPARATOR
from courses.services.bank_transfer import FORMAT_MODULES, MAX_IMPORT_BYTES, question_import


class Command(BaseCommand):
    help = "Import questions from a GIFT, Moodle XML or Excel file (all questions or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the file to import")
        parser.add_argument(
            "--format", dest="fmt", required=True, choices=sorted(FORMAT_MODULES), help="its format"
        )
        parser.add_argument(
            "--category",
            default="",
            help="category path (names joined by /) the file's questions go under",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, but save nothing"
        )
        parser.add_argument("--user", default="", help="import as this office user")

    def handle(self, *args, file: Path, fmt: str, category: str, dry_run: bool, user: str, **_o):
        actor = self._actor(user)
        try:
            size = file.stat().st_size
            if size > MAX_IMPORT_BYTES:
                raise CommandError(
                    _("The file is larger than %(max)d MB; split it into smaller files.")
                    % {"max": MAX_IMPORT_BYTES // (1024 * 1024)}
                )
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot open %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        path = tuple(name for name in category.split(PATH_SEPARATOR) if name.strip())
        try:
            summary = question_import(
                actor=actor,
                fmt=fmt,
                data=data,
                category_path=path,
                dry_run=dry_run,
                as_system=actor is None,
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from error

        for code, label, count in summary.by_type:
            self.stdout.write(f"{label} ({code}): {count}")
        self.stdout.write(
            ngettext("%(count)d question in all.", "%(count)d questions in all.", summary.total)
            % {"count": summary.total}
        )
        if summary.default_category:
            self.stdout.write(
                ngettext(
                    "%(count)d question names no category: it goes into “%(name)s”.",
                    "%(count)d questions name no category: they go into “%(name)s”.",
                    summary.uncategorised,
                )
                % {"count": summary.uncategorised, "name": summary.default_category}
            )
        for kind, count, why in summary.left_out_by_kind:
            self.stdout.write(
                ngettext(
                    "Left out: %(count)d question of type “%(kind)s”. %(why)s",
                    "Left out: %(count)d questions of type “%(kind)s”. %(why)s",
                    count,
                )
                % {"count": count, "kind": kind, "why": why}
            )
        for category_path in summary.categories_created:
            self.stdout.write(
                (_("Category to create: %(path)s") if dry_run else _("Category created: %(path)s"))
                % {"path": category_path}
            )
        if summary.refused:
            for problem in summary.problems:
                self.stderr.write(f"{problem.location}: {problem.message}")
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)d problem needs correcting.",
                    "Nothing was imported: %(count)d problems need correcting.",
                    len(summary.problems),
                )
                % {"count": len(summary.problems)}
            )
        if dry_run:
            self.stdout.write(_("Every question is correct. Dry run: nothing was saved."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "%(count)d question imported.",
                        "%(count)d questions imported.",
                        summary.total,
                    )
                    % {"count": summary.total}
                )
            )

    def _actor(self, username: str):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(_("There is no user “%(name)s”.") % {"name": username}) from None
