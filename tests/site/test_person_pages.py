"""Per-person content is data, not Markdown: one viewer page for every person, whose facts and
reports go to `status/data/people/<id>.json` (validator/site/pages/people.py), so the number of
pages and the largest page do not grow with the staff."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from validator.cli import cli
from validator.site.pages import render_pages
from validator.site.pages.common import PERSON_PAGE

NOW = "2026-11-25T12:00:00+08:00"
SMALL, LARGE = 10, 30
HOSTILE = "<img src=x onerror=alert(1)> [link](http://evil) javascript:alert(1)"


def _pages(root: Path, staff: int) -> dict[str, str | bytes]:
    result = CliRunner().invoke(
        cli, ["demo", str(root), "--staff", str(staff), "--weeks", "6", "--seed", "1",
              "--now", NOW, "-q"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return render_pages(root, dt.datetime.fromisoformat(NOW), "internal")


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str | bytes], ...]:
    return tuple(_pages(tmp_path_factory.mktemp(f"p{n}") / "repo", n) for n in (SMALL, LARGE))


def test_the_number_of_pages_does_not_grow_with_the_staff(
    two: tuple[dict[str, str | bytes], ...],
) -> None:
    small, large = two

    def md(pages: dict[str, str | bytes]) -> list[str]:
        return sorted(rel for rel in pages if rel.endswith(".md"))

    assert md(large) == md(small)
    for pages in two:  # one data file per person listed, and the list
        listed = json.loads(pages["data/people/index.json"])["people"]
        files = {r for r in pages if r.startswith("data/people/")}
        assert files == {f"data/people/{p['id']}.json" for p in listed} | {"data/people/index.json"}
    assert len(json.loads(large["data/people/index.json"])["people"]) > SMALL


def test_a_person_s_data_holds_facts_and_reports(two: tuple[dict[str, str | bytes], ...]) -> None:
    small, _ = two
    index = json.loads(small["data/people/index.json"])
    first = index["people"][0]
    data = json.loads(small[f"data/people/{first['id']}.json"])
    assert data["id"] == first["id"] and data["name"] == first["name"]
    assert data["weeks"] and data["reports"]
    report = data["reports"][0]
    assert report["anchor"].startswith("r-") and report["verdict"] in {"准时", "迟交"}
    assert report["content"]


def test_public_builds_have_no_people_data(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    result = CliRunner().invoke(
        cli, ["demo", str(root), "--staff", "8", "--weeks", "3", "--now", NOW, "-q"]
    )
    assert result.exit_code == 0, result.output
    pages = render_pages(root, dt.datetime.fromisoformat(NOW), "public")
    assert not [rel for rel in pages if rel.startswith(("data/people", "person", "staff/"))]


@pytest.mark.parametrize("helper", ["whole", "fails midway"])
def test_people_rendered_with_a_helper_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helper: str
) -> None:
    """Half of the person files come from a forked helper, a batch at a time (a national
    company's files are 6 s on one core); the pages are byte for byte those made in one
    process, also when the helper fails after its first batch."""
    from validator.repo import forking
    from validator.site.pages import people

    root = tmp_path / "repo"
    monkeypatch.setattr(people, "PARALLEL_PEOPLE", 10**9)
    alone = _pages(root, SMALL)
    monkeypatch.setattr(people, "PARALLEL_PEOPLE", 2)
    monkeypatch.setattr(people, "BATCH", 2)
    monkeypatch.setattr("validator.repo.forking.threading.active_count", lambda: 1)
    if helper == "fails midway":
        send = forking.Channel.send
        calls = []

        def send_once(self: forking.Channel, message: object) -> None:
            calls.append(message)
            if len(calls) > 1:
                raise RuntimeError("the helper breaks after its first batch")
            send(self, message)

        monkeypatch.setattr(forking.Channel, "send", send_once)
    shared = render_pages(root, dt.datetime.fromisoformat(NOW), "internal")
    assert shared == alone


def test_the_handover_window_is_given_in_the_unit_the_policy_wrote(tmp_path: Path) -> None:
    """A window of 36h was shown as 1 天: its whole days, half a day short of the setting."""
    root = tmp_path / "repo"
    result = CliRunner().invoke(
        cli, ["demo", str(root), "--staff", "8", "--weeks", "2", "--now", NOW, "-q"]
    )
    assert result.exit_code == 0, result.output
    policy_file = root / "org" / "policy.yaml"
    policy = yaml.safe_load(policy_file.read_text(encoding="utf-8"))
    policy.setdefault("reports", {})["handover"] = {"due_within": "36h"}
    policy_file.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    view = render_pages(root, dt.datetime.fromisoformat(NOW), "internal")[PERSON_PAGE]
    assert isinstance(view, str)
    assert "交接日期须在派驻结束后 36 小时之内(本组织规定)" in view
