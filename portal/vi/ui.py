"""Shared by every stage (Vietnamese): every string the portal shows people, in one place:
its templates, its commands' messages and its e-mails."""

from __future__ import annotations

# Every UI string the portal's own templates show, in one place.
UI = {
    "home": "Trang chủ",
    "categories": "Chuyên mục",
    "main_sections": "Mục chính của trang",
    "archive": "Lưu trữ",
    "archive_year": "Lưu trữ năm {year}",
    "archive_intro": "Tất cả tin bài theo năm đăng.",
    "items_count": "{count} tin bài",
    "other_news": "Các tin khác",
    "newer": "Tin mới hơn",
    "older": "Tin cũ hơn",
    "tags": "Từ khóa",
    "tag_title": "Từ khóa: {tag}",
    "tags_intro": "Các từ khóa và số tin bài của mỗi từ khóa.",
    "feeds": "RSS",
    "feeds_intro": (
        "Trang thông tin điện tử cung cấp tin bài qua RSS 2.0 và Atom. Sao chép đường dẫn "
        "dưới đây vào phần mềm đọc tin để nhận tin mới."
    ),
    "feeds_name": "Kênh tin",
    "feed_site": "Toàn bộ tin bài",
    "feed_categories": "Theo chuyên mục",
    "feed_tags": "Theo từ khóa",
    "feed_subscribe": "Theo dõi qua RSS",
    "author": "Tác giả",
    "category": "Chuyên mục",
    "see_all": "Xem tất cả",
    "citizens": "Người dân cần biết",
    "news_item": "Tin bài",
    "all_kinds": "Tất cả",
    "expired": "Hết hiệu lực",
    "expired_title": "Văn bản hết hiệu lực",
    "expired_intro": "Các văn bản đã hết hiệu lực, lưu lại để tra cứu.",
    "expired_link": "Xem văn bản hết hiệu lực",
    "in_force": "Còn hiệu lực",
    "in_force_until": "Có hiệu lực đến {date}",
    "notice_kind": "Loại văn bản",
    "notice_number": "Số ký hiệu",
    "notice_date": "Ngày ban hành",
    "notice_issuer": "Cơ quan ban hành",
    "notice_signer": "Người ký",
    "notice_validity": "Hiệu lực",
    "notice_recipients": "Nơi nhận",
    "notice_print": "In thông báo",
    "notice_number_prefix": "Số",
    "print_article": "In bài viết",
    "printed_on": "In ngày",
    "attachments": "Tài liệu",
    "attachments_intro": "Văn bản và tài liệu đã công bố, mới nhất trước.",
    "attached": "Tài liệu đính kèm",
    "register": "Sổ văn bản",
    "register_intro": "Các văn bản, tài liệu có số, ký hiệu đã công bố trên trang, mới nhất trước.",
    "register_filter_kind": "Loại",
    "register_filter_issuer": "Cơ quan ban hành",
    "register_filter_year": "Năm",
    "register_all": "Tất cả",
    "register_empty": "Không có văn bản phù hợp.",
    "register_subject": "Trích yếu",
    "register_files": "Tệp",
    "doc_type": "Định dạng",
    "doc_size": "Dung lượng",
    "doc_pages": "Số trang",
    "doc_checksum": "Mã kiểm tra SHA-256",
    "doc_download": "Tải về",
    "doc_download_xlsx": "Tải về dạng Excel (XLSX)",
    "doc_download_csv": "Tải về dạng CSV",
    "doc_referenced_by": "Được nhắc đến trong",
    "doc_replaces": "Thay thế",
    "doc_replaced_by": "Đã được thay thế bởi",
    "doc_description": "Mô tả",
    "doc_verify": (
        "Mã kiểm tra cho biết tệp tải về đúng là tệp trang đã đăng, không bị sửa đổi. Cách "
        "kiểm tra: trên Windows, mở cửa sổ lệnh và gõ certutil -hashfile, tên tệp, SHA256; "
        "trên Linux hay macOS, gõ sha256sum và tên tệp. Mã hiện ra phải giống hệt mã trên."
    ),
    "table_rows": "{count} dòng",
    "table_formulas": (
        "Tệp CSV gốc có {count} ô bắt đầu bằng =, +, -, @, dấu tab hoặc CR, mà Excel có thể chạy "
        "như công thức. Bản XLSX của cổng lưu các ô này dưới dạng chữ: nên mở bản XLSX."
    ),
    "table_counts": "Số lượng theo {column}",
    "table_filter": "Lọc danh sách (gõ không dấu cũng được)",
    "table_filter_placeholder": "Ví dụ: benh vien, can duoc",
    "table_shown": "Đang hiện {shown}/{total} dòng",
    "search": "Tìm kiếm",
    "search_label": "Tìm kiếm trên trang",
    "search_placeholder": "Tìm kiếm",
    "search_hint": "Gõ không dấu cũng được: “to quoc” tìm được “Tổ quốc”.",
    "search_button": "Tìm",
    "search_more": "Xem thêm",
    "search_none": "Không tìm thấy kết quả",
    "search_count": "Tìm thấy {count} kết quả cho “{query}”",
    "search_noscript": "Tìm kiếm cần JavaScript, trình duyệt đang tắt JavaScript. Bạn có thể xem",
    "search_all": "Tất cả",
    "search_filter_category": "Chuyên mục",
    "search_filter_kind": "Loại văn bản",
    "search_filter_year": "Năm",
    "search_loading": "Đang tìm…",
    # The search page searches the newest news first (search/plan.py).
    "search_since": "Đã tìm trong tin từ năm {year} đến nay.",
    "search_older": "Tìm cả trong tin cũ hơn ({first}–{last})",
    "new_created": (
        "Đã tạo {path}, là bản nháp (draft: true) nên chưa lên trang. Mở tệp, điền các mục, "
        "thay câu mẫu bằng nội dung thật, đổi draft: true thành draft: false, rồi chạy "
        "portal check."
    ),
    "serve_port_busy": (
        "Cổng {port} trên {host} đang có chương trình khác dùng (có thể là một bản xem trước "
        "đang chạy). Dừng chương trình đó, hoặc chọn cổng khác: portal serve --port {other}"
    ),
    "serve_no_address": (
        "Không mở được địa chỉ {host}:{port} trên máy này. Kiểm tra --host, hoặc bỏ --host để "
        "xem trước tại 127.0.0.1"
    ),
    "address_moved": "địa chỉ {old} sẽ đổi thành {new}; địa chỉ cũ sẽ tự chuyển sang địa chỉ mới",
    "address_moved_fix": "không cần làm gì; muốn giữ địa chỉ cũ thì ghi dòng url: như trước",
    "address_gone": "địa chỉ {old} sẽ bị gỡ khỏi trang (người đọc thấy: trang đã gỡ)",
    "address_gone_fix": (
        "muốn giữ bài thì khôi phục tệp; văn bản hết hiệu lực thì ghi valid_until thay vì xóa"
    ),
    "notice": "Lưu ý",
    "gone_search": "Tìm kiếm trên Cổng thông tin",
    "moved_title": "Trang đã chuyển địa chỉ",
    "moved_text": "Trang này đã chuyển sang địa chỉ mới:",
    "gone_title": "Trang đã được gỡ",
    "gone_text": (
        "Trang này đã được gỡ khỏi Cổng thông tin. Mời bạn về trang chủ hoặc tìm kiếm "
        "thông tin cần thiết."
    ),
    "init_ask_name": "Tên đơn vị (ví dụ: Công an tỉnh Bình Dương): ",
    "init_ask_url": "Địa chỉ của cổng (ví dụ: https://congan.binhduong.gov.vn/): ",
    "init_ask_phone": "Số điện thoại trực ban (đường dây nóng): ",
    "init_bad_url": (
        'Chưa tạo gì: "{url}" không phải địa chỉ trang web — viết đầy đủ, ví dụ '
        "https://congan.binhduong.gov.vn/"
    ),
    "init_not_empty": (
        "Chưa tạo gì: thư mục {target} đã có tệp — chọn một thư mục mới hoặc thư mục trống"
    ),
    "init_done": (
        "Đã tạo kho nội dung của {name} tại {target}.\n"
        "Tiếp theo: vào thư mục đó, chạy portal check để xem các chỗ [CẦN ĐIỀN: …] còn lại, "
        "portal serve để xem trước, rồi lưu (git init, git add, git commit)."
    ),
    "init_first_article": (
        "---\ntitle: {title}\nurl: ra-mat-trang-thong-tin\n"
        "date: {date}\ncategory: Tin hoạt động\ntags: [Chuyển đổi số]\n---\n\n"
        "Trang thông tin điện tử {of}chính thức hoạt động tại địa chỉ {url}. Trang đăng "
        "tin hoạt động, tình hình an ninh trật tự, thông báo và hướng dẫn người dân cần biết.\n"
    ),
    "init_first_title": "Ra mắt Trang thông tin điện tử {of}",
    "placeholder": "còn {text}",
    "placeholder_fix": "thay bằng thông tin thật của đơn vị",
    "table_region": "Bảng {number} (cuộn ngang để xem hết)",
    "counter_title": "Số lượt truy cập",
    "counter_online": "Đang trực tuyến",
    "counter_today": "Hôm nay",
    "counter_total": "Tổng số lượt truy cập",
    "counter_unavailable": "Bộ đếm lượt truy cập đang không trả lời; số liệu sẽ hiện lại sau.",
    "views": "Lượt xem",
    "video_captions": "Phụ đề tiếng Việt",
    "video_download": "Tải video ({type}, {size})",
    "national_name": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "national_motto": "Độc lập - Tự do - Hạnh phúc",
    "latest": "Tin mới nhất",
    "page_of": "Trang {page}/{total}",
    "pager": "Phân trang",
    "prev_page": "Trang trước",
    "next_page": "Trang sau",
    "no_items": "Chưa có tin bài nào.",
    "breadcrumb": "Đường dẫn",
    "font_size": "Cỡ chữ",
    "font_smaller": "Giảm cỡ chữ",
    "font_reset": "Cỡ chữ mặc định",
    "font_larger": "Tăng cỡ chữ",
    "not_found_title": "Không tìm thấy trang",
    "not_found_text": "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
    "not_found_back": "Về trang chủ",
    "draft_mark": "Bản nháp — chưa đăng",
    "scheduled_mark": "Hẹn giờ đăng: {when}",
    "feed_site_title": "{site}",
    "feed_site_description": "Tin mới nhất của {site}",
    "feed_category_title": "{name} – {site}",
    "feed_category_description": "Chuyên mục {name}",
    "feed_tag_title": "{name} – {site}",
    "feed_tag_description": "Tin bài có từ khóa {name}",
    "feed_documents_title": "Tài liệu – {site}",
    "feed_documents_description": "Văn bản và tài liệu mới của {site}",
    "doc_pages_count": "{count} trang",
    "xlsx_sheet": "Danh sách",
    "check_ok": (
        "Đã kiểm tra {news} tin bài, {notices} thông báo, {documents} tài liệu: không có lỗi."
    ),
    "check_failed": "Có {count} lỗi cần sửa.",
    "warning": "Cảnh báo",
    "next_publish": "Lần đăng tiếp theo: {when} — «{what}» đến giờ đăng.",
    "next_expiry": "Lần đăng tiếp theo: {when} — «{what}» hết hiệu lực.",
    "not_due": "Không có gì mới từ lần dựng trước: trang giữ nguyên.",
    "published": "Đã đăng bản {name} lên {target}: {what}.",
    "release_what": "commit {commit} ({subject}), tin mới nhất «{newest}»",
    "identical": "Bản đang chạy ({name}) đã giống hệt trang vừa dựng: không tạo bản mới.",
    "pinned": (
        "Đang giữ bản {name} (quay lại lúc {since}): không đăng bản mới. Chạy "
        "portal publish --unpin {target} để các lần đăng sau lại đăng bản mới nhất."
    ),
    "rolled_back": (
        "Đã quay lại bản {name} trên {target}: {what}. Bản này được giữ (ghim): các lần đăng "
        "tự động không thay nó cho đến khi chạy portal publish --unpin {target}."
    ),
    "unpinned": "Đã bỏ ghim trên {target}: lần đăng sau sẽ đăng bản mới nhất.",
    "not_pinned": "Không có bản nào đang được ghim trên {target}.",
    "status_unreachable": "Không đọc được tình trạng của {target}: {why}",
    "status_target": "Đích đăng: {target}",
    "status_nothing_live": "Đang chạy: chưa có bản nào được đăng.",
    "status_live": "Đang chạy: bản {name}, dựng và đăng lúc {when}:",
    "status_pin": (
        "Đang ghim bản {name} (từ {since}): các lần đăng tự động giữ nguyên bản này. "
        "Bỏ ghim: portal publish --unpin {target}"
    ),
    "status_no_pin": "Không ghim bản nào: lần đăng tự động đăng bản mới nhất.",
    "status_no_change": "Không có tin hẹn giờ hay văn bản sắp hết hiệu lực.",
    "status_failure": "Lỗi từ {since}: {what}",
    "status_ok": "Không có lỗi; lần đăng tự động thành công gần nhất: {when}.",
    "status_releases": "Các bản đang giữ ({count}, mới nhất trước):",
    "detail": "chi tiết cho kỹ thuật viên",
    "failed_git": (
        "không lấy được commit mới từ máy chủ git; trang được dựng từ các commit đã có, tin "
        "hẹn giờ vẫn lên đúng giờ"
    ),
    "failed_content": "dựng trang không thành: {count} lỗi trong nội dung",
    "failed_crash": "dựng trang không thành vì lỗi của chương trình (nhật ký: {log})",
    "failed_disk": "dựng trang không thành vì ổ đĩa máy chủ đã đầy (nhật ký: {log})",
    "failed_publish": "không đăng được trang lên {target}",
    "mail_failed_subject": "[Cổng thông tin] Chưa đăng được trang: {what}",
    "mail_failed_intro": "Lần đăng tự động lúc {when} không thành.",
    "mail_what": "Việc không thành",
    "mail_commit": "Commit mới nhất: {commit} «{subject}», của {author}.",
    "mail_unchanged": "Trang đang chạy vẫn giữ nguyên, người đọc không thấy gì hỏng:",
    "mail_live": "bản {name} (commit {commit}, đăng lúc {built}), tin mới nhất «{newest}».",
    "mail_nothing_live": "chưa có bản nào được đăng.",
    "mail_failed_fix": (
        "Sửa các lỗi trên (mỗi dòng: tệp, dòng, mục, điều sai — cách sửa), lưu (commit) và "
        "đẩy (push) lên kho: trang tự đăng ở lần chạy sau. Xem tình trạng: portal status."
    ),
    "mail_once": "Thư này gửi một lần cho mỗi lỗi; khi đăng lại được sẽ có thư báo.",
    "mail_recovered_subject": "[Cổng thông tin] Đã đăng lại được trang",
    "mail_recovered_body": (
        "Lần đăng tự động lúc {when} đã thành công: trang đã đăng lại được. Đang chạy:"
    ),
    "build_ok": (
        "Đã dựng xong {site}: {news} tin bài, {notices} thông báo, {documents} tài liệu, "
        "{pages} trang ({seconds} giây)."
    ),
    "build_failed": (
        "Chưa đăng gì: sửa {count} lỗi trên rồi dựng lại. Trang cũ ({site}) vẫn giữ nguyên."
    ),
    "build_crashed": (
        "Không dựng được trang vì lỗi của chương trình, không phải lỗi của bài viết. Trang cũ "
        "({site}) vẫn giữ nguyên. Gửi tệp {log} cho bộ phận kỹ thuật."
    ),
    "check_scheduled": "Hẹn giờ đăng: {when} — {title} ({source})",
    # The portal's face (NĐ 42/2022): hotlines, services, feedback, footer, site map.
    "hotline": "Đường dây nóng",
    "services": "Dịch vụ công",
    "feedback": "Hỏi đáp – Góp ý",
    "web_links": "Liên kết web",
    "site_map": "Sơ đồ site",
    "site_map_intro": "Tất cả các mục của trang, để tìm nhanh nơi cần đến.",
    "site_map_sections": "Các mục chính",
    "site_map_kinds": "Người dân cần biết, theo loại văn bản",
    "site_map_pages": "Trang giới thiệu và liên hệ",
    "back_to_top": "Trở về đầu trang",
    "agency": "Thông tin cơ quan",
    "agency_owner": "Cơ quan chủ quản",
    "agency_address": "Địa chỉ",
    "agency_phone": "Điện thoại",
    "agency_email": "Thư điện tử",
    "agency_responsible": "Người chịu trách nhiệm",
    "agency_licence": "Giấy phép",
}
