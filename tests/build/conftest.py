"""Fixtures shared by the build tests: the repository's sample site, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal import cli
from tests.conftest import REPO


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sample") / "site"
    assert cli.build(REPO / "mkdocs.yml", site) == 0
    return site
