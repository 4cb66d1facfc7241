"""The pull-request mode's kept backdating verdicts (`.git/validator/backdated.json`): a file
of any other shape than `store` writes is as good as none, never a traceback (the workflow
restores it from the CI cache, where anything may have been left)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from validator.checking.pr import verdicts
from validator.checking.pr.verdicts import Verdict

SHA = "a" * 40
PATH = "submissions/li-ming/weekly/2026-W47.yaml"
GOOD = [SHA, PATH, 1_795_400_000, 1_795_410_000, 1_795_420_000]


def kept(git_dir: Path, text: str) -> list[Verdict]:
    (git_dir / "validator").mkdir(parents=True, exist_ok=True)
    (git_dir / "validator" / verdicts.FILE).write_text(text, "utf-8")
    return verdicts.load(git_dir)


def shaped(*rows: object) -> str:
    return json.dumps({"version": verdicts.VERSION, "verdicts": list(rows)})


def test_a_kept_verdict_is_read_back(tmp_path: Path) -> None:
    when = dt.datetime(2026, 11, 23, 6, tzinfo=dt.UTC)
    verdict = Verdict(SHA, PATH, when, when, when)
    verdicts.store(tmp_path, [verdict])
    assert verdicts.load(tmp_path) == [verdict]
    assert kept(tmp_path, shaped(GOOD))[0].sha == SHA


DAMAGE = {
    "a list": "[]",
    "null": "null",
    "a string": '"x"',
    "deep": "[" * 100_000,
    "verdicts a dict": json.dumps({"version": verdicts.VERSION, "verdicts": {"abcde": 1}}),
    "a row of text": shaped("abcde"),
    "a date past year 9999": shaped([*GOOD[:2], 10**20, *GOOD[3:]]),
    "an infinite date": shaped([*GOOD[:2], 1e400, *GOOD[3:]]).replace("Infinity", "1e400"),
    "a date before year 1": shaped([*GOOD[:2], -99999999999999, *GOOD[3:]]),
    "a fraction": shaped([*GOOD[:2], 1.5, *GOOD[3:]]),
    "true": shaped([*GOOD[:2], True, *GOOD[3:]]),
    "a sha that is a list": shaped([[SHA], *GOOD[1:]]),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_as_good_as_none(tmp_path: Path, damage: str) -> None:
    assert kept(tmp_path, damage) == []


def test_two_runs_saving_at_once_leave_one_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the history cache: a temporary file of each run's own, so no mix of both."""
    from tests.unit.test_history_cache_store import hook

    when = dt.datetime(2026, 11, 23, 6, tzinfo=dt.UTC)
    many = [Verdict(f"{n:040x}", PATH, when, when, when) for n in range(50)]
    few = [Verdict(SHA, PATH, when, when, when)]
    hook(monkeypatch, lambda: verdicts.store(tmp_path, few))
    verdicts.store(tmp_path, many)
    assert verdicts.load(tmp_path) in (sorted(many, key=lambda v: v.sha), few)
    assert [p.name for p in (tmp_path / "validator").iterdir()] == [verdicts.FILE]
