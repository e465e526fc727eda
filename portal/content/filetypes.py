"""Content stage (validate): the file types the portal publishes, by extension."""

from __future__ import annotations

from .models import FileType

FILE_TYPES = {
    "pdf": FileType("PDF", "Portable Document Format", "application/pdf"),
    "docx": FileType(
        "DOCX",
        "Microsoft Word (Office Open XML)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "doc": FileType("DOC", "Microsoft Word 97–2003", "application/msword"),
    "xlsx": FileType(
        "XLSX",
        "Microsoft Excel (Office Open XML)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "xls": FileType("XLS", "Microsoft Excel 97–2003", "application/vnd.ms-excel"),
    "odt": FileType("ODT", "OpenDocument Text", "application/vnd.oasis.opendocument.text"),
    "ods": FileType(
        "ODS", "OpenDocument Spreadsheet", "application/vnd.oasis.opendocument.spreadsheet"
    ),
    "csv": FileType("CSV", "Comma-Separated Values (bảng dữ liệu dạng văn bản)", "text/csv"),
    "txt": FileType("TXT", "Văn bản thuần", "text/plain"),
    "jpg": FileType("JPEG", "Joint Photographic Experts Group (ảnh)", "image/jpeg"),
    "jpeg": FileType("JPEG", "Joint Photographic Experts Group (ảnh)", "image/jpeg"),
    "png": FileType("PNG", "Portable Network Graphics (ảnh)", "image/png"),
    "zip": FileType("ZIP", "Tệp nén ZIP", "application/zip"),
}
