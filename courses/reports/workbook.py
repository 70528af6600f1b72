"""A quiz report as an Excel workbook: the same numbers as the page, for the office's files.

Three sheets: the summary (with the score distribution), one row per question, and one row
per finished attempt. Statistics are rounded to one decimal place as on the page; an undefined
statistic is an empty cell, not zero.
"""

import io

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from .quiz import QuizReport

PLACES = 1


def _number(value):
    return None if value is None else round(float(value), PLACES)


def _local(moment):
    # Excel has no time zones: the office reads times in Shanghai time, as the pages show them.
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _bold_header(sheet, row: int = 1) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def quiz_report_workbook(report: QuizReport) -> bytes:
    workbook = openpyxl.Workbook()
    _summary(workbook.active, report)
    _questions(workbook.create_sheet(_("Questions")), report)
    _attempts(workbook.create_sheet(_("Attempts")), report)
    for sheet in workbook.worksheets:
        sheet.column_dimensions["A"].width = 30
        for column in "BCDEFGHIJK":
            sheet.column_dimensions[column].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(sheet, report: QuizReport) -> None:
    sheet.title = _("Summary")
    quiz = report.quiz
    sheet.append([_("Quiz"), quiz.title])
    sheet["A1"].font = Font(bold=True)
    for label, value in (
        (_("Lecture, scenario or course"), quiz.activity.title),
        (_("Pass mark (%)"), _number(quiz.pass_percent)),
        (_("Finished attempts"), report.attempt_count),
        (_("Trainees"), report.trainees),
        (_("Mean score (%)"), _number(report.mean)),
        (_("Median score (%)"), _number(report.median)),
        (_("Pass rate (%)"), _number(report.pass_rate)),
    ):
        sheet.append([label, value])
    sheet.append([])
    sheet.append([_("Score band"), _("Attempts"), _("Share (%)")])
    _bold_header(sheet, sheet.max_row)
    for band in report.bands:
        sheet.append([band.label, band.count, _number(band.share)])


def _questions(sheet, report: QuizReport) -> None:
    sheet.append(
        [
            _("Question"),
            _("Type"),
            _("Times asked"),
            _("Times answered"),
            _("Facility (%)"),
            _("Discrimination (%)"),
            _("Options chosen"),
        ]
    )
    _bold_header(sheet)
    for question in report.questions:
        sheet.append(
            [
                question.name,
                question.type_label,
                question.asked,
                question.answered,
                _number(question.facility),
                _number(question.discrimination),
                "; ".join(f"{option.text}: {option.count}" for option in question.options),
            ]
        )


def _attempts(sheet, report: QuizReport) -> None:
    sheet.append(
        [
            _("Name"),
            _("Username"),
            _("Attempt"),
            _("Started"),
            _("Submitted"),
            _("Finished"),
            _("Score"),
            _("Maximum score"),
            _("Score (%)"),
            _("Passed"),
        ]
    )
    _bold_header(sheet)
    for attempt in report.attempts:
        sheet.append(
            [
                str(attempt.trainee),
                attempt.trainee.username,
                attempt.number,
                _local(attempt.started_at),
                _local(attempt.submitted_at),
                _local(attempt.finished_at),
                float(attempt.score) if attempt.score is not None else None,
                float(attempt.max_score),
                _number(attempt.percent),
                _("yes") if attempt.passed else _("no"),
            ]
        )
