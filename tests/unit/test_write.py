from pathlib import Path

import pytest

from portal.write import write_files


def test_write_files_creates_folders(tmp_path: Path) -> None:
    write_files(tmp_path, {"the/antt/rss.xml": b"<rss/>", "rss.xml": b"x"})
    assert (tmp_path / "the/antt/rss.xml").read_bytes() == b"<rss/>"


@pytest.mark.parametrize("rel", ["../escape.xml", "/etc/passwd", "a/../../b.xml", ""])
def test_write_files_refuses_paths_outside_the_site(tmp_path: Path, rel: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ValueError, match="outside the site"):
        write_files(site, {rel: b"x"})
