"""How a command ends when it is stopped or cannot write: Ctrl-C and a runner's SIGTERM leave no
git or helper process behind and say so with the shell's status (130, 143), a full disk is an
error (2), and a helper whose parent was killed outright stops by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.corpus import CASES, materialise
from validator.checking import check as check_module
from validator.cli import cli

NOW = "2026-11-22T10:00:00+08:00"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    return tmp_path


def validator(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """The console script in a process of its own, as a shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "validator", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith(("VALIDATOR_", "GITHUB_"))},
    )


def test_ctrl_c_exits_130_with_a_word_and_no_traceback(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Status 1 means "errors found": a script must be able to tell an interrupted check."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(check_module, "check", interrupted)
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo), "--now", NOW])
    assert result.exit_code == 130
    assert "已中断 / interrupted" in result.output
    assert "Traceback" not in result.output


def test_sigterm_runs_the_cleanup_and_exits_143(repo: Path) -> None:
    """A CI runner's timeout, `kill` or `docker stop` sends SIGTERM to the command alone: the
    cleanup that stops git and the helper must run, as it does for Ctrl-C."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from validator.checking import full_check

        def stuck(*args, **kwargs):
            try:
                print("started", flush=True)
                time.sleep(60)
            finally:
                print("cleaned up", flush=True)

        full_check._full_check = stuck
        sys.argv = ["validator", "check", "--repo", {str(repo)!r}, "--no-cache"]
        from validator.cli import main
        main()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "started\n"
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert out == "cleaned up\n"
    assert "Traceback" not in err


def test_a_full_disk_is_an_error_with_status_2(repo: Path) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = validator("check", "--repo", str(repo), "--now", NOW, stdout=full)
    assert done.returncode == 2
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("value", ["99999999999999999999", "253402300800", "99999999999999"])
@pytest.mark.parametrize("option", ["--event-time", "--opened-at"])
def test_a_timestamp_no_calendar_holds_is_a_usage_error(
    repo: Path, option: str, value: str
) -> None:
    done = validator("check", "--repo", str(repo), "--base", "HEAD", option, value)
    assert done.returncode == 2
    assert value in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("late", [0, 1])
def test_a_helper_whose_parent_was_killed_stops(late: int) -> None:
    """SIGKILL (the OOM killer) runs no cleanup: the helper notices it has been orphaned
    instead of working on through its share, holding the output pipe open. `late`: the parent
    is gone before the helper has even started (a busy machine)."""
    script = textwrap.dedent(
        f"""
        import os, signal, time
        from validator.repo import forking

        started = forking._run
        def late_run(*args):
            time.sleep({late})
            started(*args)
        forking._run = late_run

        def work(shared, channel):
            while shared.take_back() is not None:
                time.sleep(0.5)  # two minutes of work in all

        shared = forking.BothEnds.start(range(240), work, chunk=1, minimum=2)
        print(shared.helper.process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    helper = int(process.stdout.readline())
    try:
        assert process.wait(timeout=60) == -signal.SIGKILL
        for _ in range(100):  # up to ten seconds; the work would take two minutes
            if not running(helper):
                break
            time.sleep(0.1)
        assert not running(helper)
    finally:
        if running(helper):
            os.kill(helper, signal.SIGKILL)
        process.stdout.close()


def running(pid: int) -> bool:
    """Whether `pid` is a live process (an orphan nobody reaps stays a zombie here)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
