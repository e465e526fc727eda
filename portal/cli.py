"""Command line (above every stage): the `portal` command, its options and help in Vietnamese
for the editors who type it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__, checking, commands, publishing, starting

# argparse's own complaints, in the editors' language.
_ARGPARSE = (
    ("the following arguments are required: ", "còn thiếu: "),
    ("invalid choice: ", "không có lựa chọn "),
    ("(choose from ", "(chọn một trong "),
    ("unrecognized arguments: ", "không hiểu: "),
    ("expected one argument", "cần một giá trị"),
    ("invalid int value: ", "không phải số: "),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for english, vietnamese in _ARGPARSE:
            message = message.replace(english, vietnamese)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lệnh chưa đúng: {message}. Xem cách dùng: {self.prog} --help\n")

    def format_help(self) -> str:
        return _vietnamese(super().format_help())

    def format_usage(self) -> str:
        return _vietnamese(super().format_usage())


_HELP = (
    ("usage:", "Cách dùng:"),
    ("positional arguments:", "Tham số:"),
    ("options:", "Tùy chọn:"),
    ("show this help message and exit", "hiện hướng dẫn này"),
    ("show program's version number and exit", "in phiên bản của portal"),
)


def _vietnamese(text: str) -> str:
    for english, vietnamese in _HELP:
        text = text.replace(english, vietnamese)
    return text


def parser() -> argparse.ArgumentParser:
    main = _Parser(prog="portal", description="Cổng thông tin điện tử: dựng, kiểm tra, xem trước.")
    main.add_argument("--version", action="version", version=f"portal {__version__}")
    sub = main.add_subparsers(dest="command", required=True, metavar="LỆNH", parser_class=_Parser)
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "--config-file", "-f", type=Path, default=Path("mkdocs.yml"), help="tệp cấu hình"
    )
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="hiện cả nhật ký của MkDocs (cho kỹ thuật viên)",
    )
    build = sub.add_parser("build", parents=[config, verbose], help="dựng trang để đăng")
    build.add_argument("--site-dir", "-d", type=Path, default=None, help="thư mục trang (site/)")
    build.add_argument(
        "--preview", action="store_true", help="đăng cả bản nháp và tin hẹn giờ (chỉ để xem thử)"
    )
    build.add_argument(
        "--if-due",
        action="store_true",
        help="chỉ dựng khi có commit mới hoặc đã đến giờ của tin hẹn giờ (cho bộ hẹn giờ)",
    )
    publish = sub.add_parser("publish", parents=[config], help="đăng trang đã dựng lên máy chủ")
    publish.add_argument("target", metavar="ĐÍCH", help="thư mục, hoặc user@host:/đường/dẫn")
    publish.add_argument("--site-dir", "-d", type=Path, default=None, help="trang đã dựng")
    publish.add_argument("--keep", type=int, default=5, help="số bản giữ lại (mặc định 5)")
    publish.add_argument(
        "--rollback", action="store_true", help="quay lại bản trước và giữ (ghim) bản đó"
    )
    publish.add_argument(
        "--unpin", action="store_true", help="bỏ ghim: lần đăng sau lại đăng bản mới nhất"
    )
    publish.add_argument(
        "--if-changed", action="store_true", help="bỏ qua khi bản đang chạy đã là bản này"
    )
    status = sub.add_parser("status", help="xem bản đang chạy, ghim, lỗi gần nhất")
    status.add_argument("target", metavar="ĐÍCH", help="thư mục đăng, hoặc user@host:/đường/dẫn")
    status.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: cho chương trình"
    )
    update = sub.add_parser(
        "update",
        parents=[config],
        help="lấy commit mới, dựng khi cần rồi đăng (bộ hẹn giờ chạy mỗi phút)",
    )
    update.add_argument("target", metavar="ĐÍCH", help="thư mục đăng, hoặc user@host:/đường/dẫn")
    update.add_argument("--keep", type=int, default=5, help="số bản giữ lại (mặc định 5)")
    check = sub.add_parser("check", parents=[config], help="kiểm tra mọi tệp, không dựng trang")
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: chú thích cho GitHub"
    )
    serve = sub.add_parser("serve", parents=[config, verbose], help="xem trước, tự cập nhật")
    serve.add_argument("--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    new = sub.add_parser("new", parents=[config], help="tạo tin, thông báo hoặc thông tin tài liệu")
    new.add_argument(
        "what", choices=("tin", "thong-bao", "tai-lieu"), metavar="tin|thong-bao|tai-lieu"
    )
    new.add_argument(
        "name", metavar="TIÊU_ĐỀ|TỆP", help="tiêu đề (tin, thong-bao) hoặc tệp (tai-lieu)"
    )
    new.add_argument("--category", default="", help="tin: chuyên mục")
    new.add_argument("--kind", default="", help="thong-bao: loại văn bản")
    init = sub.add_parser("init", help="tạo kho nội dung cho cổng của một tỉnh")
    init.add_argument("target", metavar="THƯ_MỤC", type=Path, help="thư mục mới (hoặc trống)")
    init.add_argument("--name", default="", help='tên đơn vị: "Công an tỉnh …"')
    init.add_argument("--url", default="", help="địa chỉ của cổng: https://…/")
    init.add_argument("--phone", default="", help="số điện thoại trực ban (đường dây nóng)")
    init.add_argument(
        "--ci",
        choices=("github", "gitlab", "none"),
        default="github",
        help="mẫu kiểm tra và đăng tự động (mặc định github)",
    )
    counter = sub.add_parser("counter", help="chạy dịch vụ đếm lượt xem")
    counter.add_argument(
        "--data-dir",
        type=Path,
        default=Path("counter-data"),
        help="thư mục giữ tệp SQLite counter.sqlite3 (khi không dùng --database)",
    )
    counter.add_argument(
        "--database",
        default="",
        help="postgresql://… để nhiều máy chủ web dùng chung một số đếm (mặc định: SQLite)",
    )
    counter.add_argument(
        "--site",
        type=Path,
        default=Path("site"),
        help="trang đã dựng: chỉ đếm các trang có trong đó",
    )
    counter.add_argument("--host", default="127.0.0.1")
    counter.add_argument("--port", type=int, default=8787)
    counter.add_argument(
        "--origin", required=True, help="địa chỉ của cổng, ví dụ https://congan.example.gov.vn"
    )
    counter.add_argument("--rate", type=float, default=2.0, help="số lượt mỗi giây cho một máy")
    counter.add_argument("--burst", type=int, default=60, help="số lượt dồn một lúc cho một máy")
    counter.add_argument(
        "--trust-proxy",
        action="store_true",
        help="lấy địa chỉ máy đọc từ X-Real-IP khi yêu cầu đến từ 127.0.0.1",
    )
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "counter":
        from .counter.service import RateLimit  # the HTTP stack for this command alone

        limit = RateLimit(args.rate, args.burst)
        database = args.database or str(args.data_dir / "counter.sqlite3")
        return commands.run_counter(
            database, args.site, args.host, args.port, args.origin, args.trust_proxy, limit
        )
    if args.command == "init":
        return starting.init(args.target, args.name, args.url, args.phone, args.ci)
    if args.command == "status":  # needs no repository: an editor with ssh access, anywhere
        return publishing.status(args.target, as_json=args.format == "json")
    config_file = args.config_file.resolve()
    if not config_file.is_file():
        print(f"Không thấy tệp cấu hình {config_file}: chạy lệnh trong thư mục của cổng.")
        return 2
    if args.command == "update":
        return publishing.update(config_file, args.target, args.keep)
    if args.command == "check":
        return checking.check(config_file, annotations=args.format == "github")
    if args.command == "new":
        return commands.new(config_file, args.what, args.name, args.category or args.kind)
    if args.command == "serve":
        from .preview.serve import serve

        return serve(config_file, args.host, args.port, args.verbose)
    site_dir = (args.site_dir or config_file.parent / "site").resolve()
    if args.command == "publish":
        return publishing.publish(
            site_dir, args.target, args.keep, args.rollback, args.if_changed, args.unpin
        )
    return commands.build(
        config_file, site_dir, preview=args.preview, verbose=args.verbose, if_due=args.if_due
    )


if __name__ == "__main__":
    sys.exit(main())
