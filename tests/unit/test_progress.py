"""Long commands show progress at a terminal and nothing else anywhere else: under a
pseudo-terminal the demo draws a progress bar; piped (as in CI) or with --quiet, stdout and
stderr carry no progress at all. The library reports through a callback and prints nothing."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from validator.checking.check import check
from validator.core.timeutil import parse_moment
from validator.demo import build_demo
from validator.site.pages import render_pages

VALIDATOR = str(Path(sys.executable).with_name("validator"))
NOW = "2026-11-27T10:00:00+08:00"


def _under_pty(args: list[str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal; what the terminal showed."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("CI", None)
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_demo_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    code, shown = _under_pty([VALIDATOR, "demo", str(tmp_path / "d"), "--now", NOW])
    assert code == 0, shown
    assert "生成示例仓库" in shown and "100%" in shown
    assert "已生成示例仓库" in shown


def test_piped_demo_carries_no_progress(tmp_path: Path) -> None:
    done = subprocess.run(
        [VALIDATOR, "demo", str(tmp_path / "d"), "--now", NOW],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("已生成示例仓库") and done.stdout.count("\n") == 1
    assert "%" not in done.stdout and "\r" not in done.stdout


def test_quiet_hides_progress_even_on_a_terminal(tmp_path: Path) -> None:
    code, shown = _under_pty([VALIDATOR, "demo", str(tmp_path / "d"), "--now", NOW, "--quiet"])
    assert code == 0, shown
    assert "生成示例仓库" not in shown.replace("已生成示例仓库", "")
    assert "%" not in shown


def test_pages_and_check_show_progress_on_a_terminal(tmp_path: Path) -> None:
    demo = tmp_path / "d"
    build_demo(demo, now=parse_moment(NOW))
    out = tmp_path / "status"
    pages = [VALIDATOR, "pages", "--repo", str(demo), "--out", str(out), "--now", NOW]
    code, shown = _under_pty(pages)
    assert code == 0, shown
    assert "生成状态页面" in shown and "100%" in shown
    code, shown = _under_pty([VALIDATOR, "check", "--repo", str(demo), "--now", NOW])
    assert code == 1, shown  # the demo's deliberate approval-missing error
    assert "校验报告" in shown
    piped = subprocess.run(
        [VALIDATOR, "check", "--repo", str(demo), "--now", NOW, "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert piped.stderr == "" and piped.stdout.lstrip().startswith("{")


def test_the_library_reports_through_its_callback(tmp_path: Path) -> None:
    demo = tmp_path / "d"
    heard: list[tuple[int, int]] = []
    build_demo(demo, now=parse_moment(NOW), progress=lambda d, t: heard.append((d, t)))
    assert heard[0] == (0, 3) and heard[-1] == (3, 3)
    for name, run in (
        ("check", lambda cb: check(demo, None, parse_moment(NOW), use_cache=False, progress=cb)),
        ("pages", lambda cb: render_pages(demo, parse_moment(NOW), "public", cb)),
    ):
        calls: list[tuple[int, int]] = []
        run(lambda d, t, into=calls: into.append((d, t)))
        assert calls, name
        done = [d for d, _ in calls]
        assert done == sorted(done), name  # never backwards
        assert calls[-1][0] == calls[-1][1] > 0, name  # ends complete
