"""Content stage (validate): the file types the portal publishes, by extension."""

from __future__ import annotations

from .models import FileType

FILE_TYPES = {
    "pdf": FileType("PDF", "Tài liệu PDF", "application/pdf"),
    "docx": FileType(
        "DOCX",
        "Văn bản Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "doc": FileType("DOC", "Văn bản Word (bản cũ, 97–2003)", "application/msword"),
    "xlsx": FileType(
        "XLSX",
        "Bảng tính Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "xls": FileType("XLS", "Bảng tính Excel (bản cũ, 97–2003)", "application/vnd.ms-excel"),
    "odt": FileType("ODT", "Văn bản OpenDocument", "application/vnd.oasis.opendocument.text"),
    "ods": FileType(
        "ODS", "Bảng tính OpenDocument", "application/vnd.oasis.opendocument.spreadsheet"
    ),
    "csv": FileType("CSV", "Bảng tính CSV", "text/csv"),
    "txt": FileType("TXT", "Văn bản thuần", "text/plain"),
    "jpg": FileType("JPEG", "Ảnh JPEG", "image/jpeg"),
    "jpeg": FileType("JPEG", "Ảnh JPEG", "image/jpeg"),
    "png": FileType("PNG", "Ảnh PNG", "image/png"),
    "zip": FileType("ZIP", "Tệp nén ZIP", "application/zip"),
}

# Videos an article can show (`![mô tả](clip.mp4)`): what every browser plays, by extension.
VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
# Other video files editors have: refused with the fix of exporting to MP4.
OTHER_VIDEOS = (".mov", ".avi", ".mkv", ".wmv", ".flv", ".m4v", ".3gp", ".mpg", ".mpeg")
