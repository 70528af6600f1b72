"""``manage.py load_demo``: the demo studio, built from the data in ``cms.demo``."""

import logging
import unicodedata
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cms.demo import people
from cms.demo.loader import DemoDataError, demo_load


class Command(BaseCommand):
    # A plain string (not lazy): argparse formats it. Commands load after translations are ready.
    help = _(
        "Build the demo studio: the street's organisation, the training plan with its courses, "
        "lectures, exchange sessions, scenario exercises and study tours, placeholder photos, "
        "and demo accounts (one per role, plus a superuser 'admin'), all sharing the password "
        "'studio-demo-2026'. Safe to run any number of times: existing things are found by "
        "stable keys and updated in place. Accounts are created only when the setting "
        "DEMO_ACCOUNTS_ALLOWED is true (development and test settings); otherwise, as in "
        "production, the organisation and curriculum are loaded and no account is created."
    )

    def handle(self, *args, **options):
        with_accounts = getattr(settings, "DEMO_ACCOUNTS_ALLOWED", False)
        try:
            with _quiet(("wagtail", "django_tasks"), unless=options["verbosity"] > 1):
                report = demo_load(with_accounts=with_accounts)
        except (DemoDataError, ValidationError) as error:
            message = _("The demo could not be loaded: %(error)s") % {"error": error}
            raise CommandError(message) from error

        tally = report.tally
        self.stdout.write(self.style.SUCCESS(_("Demo studio loaded.")))
        self.stdout.write(
            _(
                "  Organisation: %(zones)d zones, %(communities)d communities, "
                "%(compounds)d compounds, %(branches)d branches"
            )
            % {
                "zones": report.total("zone"),
                "communities": report.total("community"),
                "compounds": report.total("compound"),
                "branches": report.total("branch"),
            }
        )
        self.stdout.write(
            _("  Pages: %(total)d (%(created)d created, %(updated)d updated, %(same)d unchanged)")
            % {
                "total": report.total("page"),
                "created": tally["page", "created"],
                "updated": tally["page", "updated"],
                "same": tally["page", "unchanged"],
            }
        )
        self.stdout.write(
            _("  Speakers: %(speakers)d, venues: %(venues)d, photos: %(photos)d (%(drawn)d drawn)")
            % {
                "speakers": report.total("speaker"),
                "venues": report.total("venue"),
                "photos": report.total("image"),
                "drawn": tally["image", "created"],
            }
        )
        self.stdout.write(
            _("  Site root: “%(title)s” (page %(id)d)")
            % {"title": report.home.title, "id": report.home.pk}
        )

        if not with_accounts:
            self.stdout.write(
                self.style.WARNING(
                    _("Demo accounts were not created: DEMO_ACCOUNTS_ALLOWED is off here.")
                )
            )
            return
        self.stdout.write("")
        self.stdout.write(
            _("Demo accounts (password for all: %(password)s)") % {"password": people.DEMO_PASSWORD}
        )
        rows = [
            (
                _("username"),
                pgettext("a person's name", "name"),
                _("role"),
                _("community"),
                _("account"),
            )
        ]
        for account in report.accounts:
            roles = ", ".join(str(label) for label in account["roles"]) or _("superuser")
            status = _("created") if account["status"] == "created" else _("already there")
            rows.append(
                (account["username"], account["display_name"], roles, account["community"], status)
            )
        widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  " + "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True))
            )


@contextmanager
def _quiet(logger_names, *, unless: bool):
    """Keep Wagtail's and the task queue's per-page log lines out of the summary."""
    loggers = [] if unless else [logging.getLogger(name) for name in logger_names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _pad(text: str, width: int) -> str:
    return str(text) + " " * (width - _width(text))
