"""Outputs stage: a tabular attachment written back as XLSX, byte-stable."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from ..content.tables import Table, is_number
from ..vi import UI


def to_xlsx(table: Table, title: str, when: datetime) -> bytes:
    """An XLSX of the table; the same table and date always give the same bytes."""
    # Imported when a table is written: every command starts faster without it (50 ms).
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = UI["xlsx_sheet"]
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([int(cell) if is_number(cell) else cell for cell in row])
    # A value is never a formula: openpyxl reads "=…" as one, so every text cell is set to
    # text explicitly (OWASP, CSV injection); whole numbers stay numbers.
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    workbook.properties.title = title
    workbook.properties.creator = "Portal"
    naive = when.replace(tzinfo=None)
    workbook.properties.created = naive
    workbook.properties.modified = naive
    buffer = io.BytesIO()
    # ExcelWriter directly: Workbook.save() stamps `modified` with the clock.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite a ZIP with every entry dated 1980-01-01: openpyxl stamps the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
