"""Preview stage (report): the page the preview shows instead of the site while content has
problems, in Vietnamese, one entry per problem with its file, line and fix."""

from __future__ import annotations

from html import escape

from ..errors import ContentError

_STYLE = """
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f6f6f6; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { color: #a4000f; font-size: 1.5rem; }
ol { padding-left: 1.2rem; }
li { margin: 0 0 1rem; padding: 0.75rem 1rem; background: #fff; border-left: 4px solid #a4000f; }
.where { font-family: ui-monospace, monospace; font-weight: 600; }
.fix { color: #0b5d1e; }
"""


def _page(title: str, body: str, script: str) -> str:
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{escape(title)}</h1>\n{body}\n</main>\n{script}\n</body>\n</html>\n"
    )


def problems_page(errors: list[ContentError], script: str) -> str:
    """Every problem, in the order `portal check` prints them."""
    entries = "\n".join(
        "<li>"
        f'<p class="where">{escape(e.path)}, dòng {e.line} ({escape(e.field)})</p>'
        f'<p class="what">{escape(e.message)}</p>'
        f'<p class="fix">Cách sửa: {escape(e.fix)}</p>'
        "</li>"
        for e in errors
    )
    intro = (
        f"<p>Có {len(errors)} lỗi cần sửa. Sửa xong và lưu tệp, trang này tự tải lại. "
        "Khi còn lỗi, trang chưa được đăng.</p>"
    )
    return _page("Nội dung có lỗi", f"{intro}\n<ol>\n{entries}\n</ol>", script)


def message_page(title: str, text: str, script: str) -> str:
    """A page of one message: the first build still running, or a fault of the engine."""
    return _page(title, f"<p>{escape(text)}</p>", script)
