"""Filters that only a browser runs: the list's filter box and the register's selects."""

from __future__ import annotations


def visible_rows(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        f"{selector} tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.innerText)"
    )


def test_typing_without_diacritics_narrows_the_list(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "tai-lieu/danh-sach-150-cqdn/")
    assert len(visible_rows(page, ".portal-datatable")) == 150
    page.fill("#portal-filter", "benh vien da khoa")
    rows = visible_rows(page, ".portal-datatable")
    assert rows and all("Bệnh viện Đa khoa" in row for row in rows)
    page.fill("#portal-filter", "can duoc doanh nghiep")
    rows = visible_rows(page, ".portal-datatable")
    assert rows and all("Cần Đước" in row and "Doanh nghiệp" in row for row in rows)
    assert "JIA HSIN" in " ".join(rows)
    count = page.locator(".portal-table-filter__count").inner_text()
    assert count == f"Đang hiện {len(rows)}/150 dòng"
    page.fill("#portal-filter", "")
    assert len(visible_rows(page, ".portal-datatable")) == 150
    # Unfiltered, only the page's own "150 dòng" counts the rows: no second count beside it.
    assert page.locator(".portal-table-filter__count").inner_text() == ""
    page.close()


def test_the_list_is_a_plain_full_table_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "tai-lieu/danh-sach-150-cqdn/")
    assert page.locator(".portal-datatable tbody tr").count() == 150
    assert not page.locator("#portal-filter").is_visible()
    context.close()


def test_register_filters_by_kind_issuer_and_year(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "van-ban/")
    everything = visible_rows(page, ".portal-register")
    page.select_option("select[name=kind]", "Công văn")
    page.select_option("select[name=year]", "2018")
    rows = visible_rows(page, ".portal-register")
    assert rows and len(rows) < len(everything)
    assert all("Công văn" in row and "/2018" in row for row in rows)
    page.select_option("select[name=issuer]", "Công an tỉnh Long An")
    assert all("162/CAT-PV28" in row for row in visible_rows(page, ".portal-register"))
    page.close()
