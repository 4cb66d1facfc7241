"""The importer's Traditional page exists only for a source written in Traditional characters:
a Simplified source has no Traditional text to take, and a page labelled 繁體 holding
Simplified characters would mislead the reader the language switcher sends there."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from validator.cli.commands.handbook import command
from validator.handbook import import_text

SIMPLIFIED = "第1篇 艾克美员工守则\n一、总则\n(一)、适用范围\n1、本守则适用于全体外派人员。\n"
TRADITIONAL = "第1篇 艾克美員工守則\n一、總則\n(一)、適用範圍\n1、本守則適用於全體外派人員。\n"


def test_a_simplified_source_has_no_traditional_page(tmp_path: Path) -> None:
    [doc] = import_text(SIMPLIFIED)
    assert doc.markdown_hant == ""
    assert "繁体中文版" not in doc.markdown and "hant/" not in doc.markdown
    result = CliRunner().invoke(command, ["import", str(_write(tmp_path, SIMPLIFIED)),
                                          "--out", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").rglob("*.md")] == ["doc-1.md"]


def test_a_traditional_source_keeps_its_traditional_page(tmp_path: Path) -> None:
    [doc] = import_text(TRADITIONAL)
    assert "總則" in doc.markdown_hant and "总则" in doc.markdown
    assert "[繁体中文版](hant/doc-1.md)" in doc.markdown
    result = CliRunner().invoke(command, ["import", str(_write(tmp_path, TRADITIONAL)),
                                          "--out", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "總則" in (tmp_path / "out" / "hant" / "doc-1.md").read_text("utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "规章.txt"
    path.write_text(text, encoding="utf-8")
    return path
