"""Compiled templates are kept between processes, each with its checksum."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from portal.mkdocs import templates


def _environment(folder: Path, source: str) -> tuple[Environment, templates._CompiledTemplates]:
    compiled = templates._CompiledTemplates()
    compiled.folder = folder
    env = Environment(loader=DictLoader({"trang.html": source}), bytecode_cache=compiled)
    return env, compiled


def test_a_template_compiled_once_is_loaded_by_the_next_process_unless_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, _ = _environment(tmp_path, "Xin chào {{ ten }}")
    assert env.get_template("trang.html").render(ten="Long An") == "Xin chào Long An"
    (entry,) = tmp_path.glob("*.bc")
    # A new process: nothing in memory, so the bytecode comes from the folder, uncompiled.
    env, _ = _environment(tmp_path, "Xin chào {{ ten }}")
    monkeypatch.setattr(Environment, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert env.get_template("trang.html").render(ten="Tây Ninh") == "Xin chào Tây Ninh"
    monkeypatch.undo()
    # A damaged entry is compiled again; an edited template has another entry.
    entry.write_bytes(entry.read_bytes()[:-8] + b"\0" * 8)
    env, _ = _environment(tmp_path, "Xin chào {{ ten }}")
    assert env.get_template("trang.html").render(ten="An Giang") == "Xin chào An Giang"
    env, _ = _environment(tmp_path, "Chào {{ ten }}!")
    assert env.get_template("trang.html").render(ten="Cà Mau") == "Chào Cà Mau!"
    assert len(list(tmp_path.glob("*.bc"))) == 2
