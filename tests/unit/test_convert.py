"""One Markdown instance for a build's pages converts each page as MkDocs' own render does."""

from __future__ import annotations

from pathlib import Path

import markdown
from markdown.inlinepatterns import SimpleTagInlineProcessor
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from portal.mkdocs.convert import Converter, gate_patterns
from portal.mkdocs.markdown import EscapeHtmlExtension, FigureExtension

# Each page carries what a reused instance could leak into the next: a reference definition,
# a heading id already taken, an abbreviation of the raw-HTML kind, a title.
SOURCES = {
    "a.md": "# Tiêu đề một\n\n## An ninh trật tự\n\nXem [trang hai](b.md#an-ninh-trat-tu) và "
    '[công văn][cv].\n\n[cv]: https://congan.example.vn/cv-1234\n\n<div id="neo">neo</div>\n',
    "b.md": "## An ninh trật tự\n\nLại [công văn][cv], không định nghĩa ở đây.\n\n"
    "| Đơn vị | Số |\n|:---|---:|\n| Phòng PC06 | 150 |\n{: .bang }\n\n[về a](a.md#neo)\n",
    "c.md": "Không tiêu đề. <script>alert(1)</script> [bấm](javascript:alert(1))\n\n"
    'Đoạn\n{: onclick="alert(1)" }\n\n## An ninh trật tự\n',
}


def _site(tmp_path: Path) -> tuple[object, Files]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Thử\nmarkdown_extensions:\n  - tables\n  - attr_list\n  - toc:\n"
        "      permalink: false\n      slugify: !!python/name:portal.text.toc_slugify\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.markdown_extensions.append(FigureExtension({}, {}))
    config.markdown_extensions.append(EscapeHtmlExtension())
    for name, text in SOURCES.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    docs, site = str(tmp_path / "docs"), str(tmp_path / "site")
    files = Files([File(name, docs, site, use_directory_urls=True) for name in SOURCES])
    return config, files


def _converted(config: object, files: Files, render: object) -> list[tuple[object, ...]]:
    seen = []
    for file in files:
        page = Page(None, file, config)
        page.read_source(config)
        render(page, config, files)
        toc = [(item.title, item.id, item.level) for item in page.toc]
        seen.append(
            (page.content, toc, page._title_from_render, page.present_anchor_ids,
             page.links_to_anchors)
        )  # fmt: skip
    return seen


def test_one_instance_converts_every_page_as_a_new_instance_would(tmp_path: Path) -> None:
    config, files = _site(tmp_path)
    fresh = _converted(config, files, Page.render)
    shared = _converted(config, files, Converter())
    assert shared == fresh
    a, b, c = (content for content, *_ in shared)
    assert 'href="https://congan.example.vn/cv-1234"' in a
    assert "cv-1234" not in b and "[công văn][cv]" in b  # a's reference stayed in a
    assert 'id="an-ninh-trat-tu"' in b and 'id="an-ninh-trat-tu"' in c  # ids start afresh
    assert "<script>" not in c and 'href="#"' in c and "onclick" not in c
    assert shared[0][2] == "Tiêu đề một" and shared[1][2] is None
    assert shared[0][3] >= {"neo", "an-ninh-trat-tu"}


# Every inline construct and block Python-Markdown has, at the start, the middle and the end,
# beside paragraphs with none (which the gated expressions skip without searching).
MARKDOWN = [
    "Đoạn văn thường, không ký hiệu nào: an ninh trật tự, phòng cháy chữa cháy.",
    "Mã `portal build` và ``hai `dấu` huyền``, \\`không phải mã\\`, \\\\`mã sau gạch`.",
    "Thoát \\*sao\\*, \\[ngoặc\\], \\_gạch\\_ và \\\\ gạch chéo.",
    '[Liên kết](https://congan.example.vn/ "tiêu đề"), [tham chiếu][cv], [cv] và ![ảnh](a.png).',
    "![ảnh tham chiếu][anh] rồi ![anh] cuối.\n\n[cv]: https://congan.example.vn/cv\n[anh]: a.png",
    "<https://dichvucong.gov.vn/> và <phongpc06@congan.example.vn> giữa câu.",
    'Ngắt dòng ở đây  \nrồi tiếp, <span class="x">HTML</span>, &amp; &#273; &copy; & lẻ.',
    "*nghiêng*, **đậm**, ***cả hai***, _gạch dưới_, __đậm gạch__, a*b*c, snake_case_word.",
    "Cuối đoạn mới có `mã`",
    "* không phải nhấn mạnh *, 2 * 3 = 6, _ đứng riêng _.",
    "# Tiêu đề một #\n## Hai\nĐoạn ngay sau, có số #5 và C#.",
    "Tiêu đề gạch dưới\n=================\nTiêu đề hai\n---",
    "Dòng một - có gạch\ndòng hai\n- mục\n-không phải mục",
    "Trước đường kẻ\n---\nsau\n\n***\n\n_ _ _\n\n- - -",
    "> Trích dẫn\n> hai dòng\n>\n> > lồng\n\nKhông trích: 3 > 2, a->b.",
    "1. một\n2. hai\n\n* sao\n+ cộng\n- trừ",
    "    mã thụt lề\n    dòng hai",
    "[dinh-nghia]: https://congan.example.vn/a 'Tiêu đề'\n[hai]:\n    https://b.vn\n"
    "Đoạn [dinh-nghia] và [hai].",
]


def test_gated_expressions_find_what_the_expressions_find() -> None:
    extensions = ["tables", "attr_list", "toc", EscapeHtmlExtension()]
    plain = markdown.Markdown(extensions=extensions)
    gated = markdown.Markdown(extensions=["tables", "attr_list", "toc", EscapeHtmlExtension()])
    gate_patterns(gated)
    assert type(gated.inlinePatterns["backtick"].compiled_re).__name__ == "_Gated"
    assert type(gated.parser.blockprocessors["quote"].RE).__name__ == "_Gated"
    text = "\n\n".join(MARKDOWN)
    for source in [*MARKDOWN, text, text.replace("\n\n", "\n")]:
        plain.reset()
        gated.reset()
        assert gated.convert(source) == plain.convert(source), source
    assert "<code>portal build</code>" in gated.convert(MARKDOWN[1])


def test_a_pattern_an_extension_changed_is_not_gated() -> None:
    md = markdown.Markdown()
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "backtick", 190)
    gate_patterns(md)
    assert type(md.inlinePatterns["backtick"].compiled_re).__name__ == "Pattern"
    assert "<del>xoá</del>" in md.convert("~~xoá~~ và `mã`")
