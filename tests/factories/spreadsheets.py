"""Workbooks built for the Excel guard's tests: a plain one, and a zip bomb made from it."""

import io
import zipfile

import openpyxl

ROW = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)


def plain_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["用户名", "手机号"])
    workbook.active.append(["zhangwei", "13800138000"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(workbook: bytes, write_sheet) -> bytes:
    """The workbook with its first sheet's XML replaced by what ``write_sheet`` streams."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename == "xl/worksheets/sheet1.xml":
                with target.open(member.filename, "w", force_zip64=True) as sheet:
                    write_sheet(sheet)
            else:
                target.writestr(member, source.read(member.filename))
    return output.getvalue()


def xlsx_bomb(megabytes: int = 300) -> bytes:
    """A valid workbook whose one sheet is ``megabytes`` MB of well-formed rows, compressed to
    under 1 MB: openpyxl would parse every row of it. Streamed, so building it stays small."""

    def rows(sheet):
        sheet.write(SHEET_START)
        chunk = ROW * (1024 * 1024 // len(ROW))
        for _ in range(megabytes * 1024 * 1024 // len(chunk)):
            sheet.write(chunk)
        sheet.write(b"</sheetData></worksheet>")

    return with_sheet(plain_workbook(), rows)
