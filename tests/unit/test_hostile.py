"""Hostile input: nothing anyone commits may crash the check, hang CI, or slip through unnoticed.

The catalogue below is the set of files a careless or malicious contributor could push. Each one
goes through `validator check --format json` on a real git repository and must come back as one
specific diagnostic on that file, with exit status exactly 1 and no traceback. Cases whose failure
mode would be a hang (exponential aliases, deep nesting, huge documents, a named pipe) also run
as a subprocess under a generous timeout; no test here measures speed.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.corpus import CASES, materialise
from tests.support.gitrepo import GitRepo
from validator.cli import cli
from validator.reading.filebytes import unreadable
from validator.reading.schema_errors import MAX_PER_FILE

NOW = "2026-11-22T10:00:00+08:00"
COMMITTED = "2026-11-20T18:00:00+08:00"  # before the week's deadline: nothing else to report
REPORT = "submissions/li-ming/weekly/2026-W47.yaml"
GOOD = (CASES / "valid/weekly-minimal" / REPORT).read_text(encoding="utf-8")
SUMMARY = "summary: 本周走访广州、佛山授权站,处理投诉3起。"


def replaced(old: str, new: str) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new).encode("utf-8")


def appended(text: str) -> bytes:
    return (GOOD + text).encode("utf-8")


def billion_laughs(levels: int = 9) -> bytes:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Hostile:
    """A file someone could commit, and the one diagnostic it must produce."""

    name: str
    content: bytes
    rule: str
    path: str = REPORT
    message: str = ""  # a part of the Chinese message that must be there


CATALOGUE = (
    # expansion and depth: bounded before any work is done on the data
    Hostile("billion-laughs", billion_laughs(), "yaml-unsafe", message="锚点"),
    Hostile(
        "alias-in-a-report", replaced(SUMMARY, "summary: &s 文本\nsite_copy: *s"), "yaml-unsafe"
    ),
    Hostile("nested-sequences-20000", b"[" * 20_000 + b"]" * 20_000, "yaml-syntax", message="嵌套"),
    Hostile(
        "nested-mappings-20000",
        b"{a: " * 20_000 + b"1" + b"}" * 20_000,
        "yaml-syntax",
        message="嵌套",
    ),
    Hostile(
        "nested-value-20000",
        replaced(SUMMARY, "summary: " + "[" * 20_000 + "]" * 20_000),
        "yaml-syntax",
    ),
    Hostile(
        "block-nesting-over-limit",
        "".join("  " * i + "a:\n" for i in range(70)).encode(),
        "yaml-unsafe",
        message="64",
    ),
    # size
    Hostile(
        "list-of-100000-items",
        replaced("plan:\n  - 跟进佛山授权站备件申请", "plan: [" + ",".join(["x"] * 100_000) + "]"),
        "schema",
        message="最多 50 项",
    ),
    Hostile("string-of-80000-chars", replaced("本周走访", "长" * 80_000), "schema", message="2000"),
    Hostile("over-256-kib", appended("#" * 300_000), "too-large"),
    Hostile(
        "integer-of-5000-digits",
        appended("complaints: {handled: " + "9" * 5000 + "}\n"),
        "schema",
        message="整数",
    ),
    # bytes that are not UTF-8 text
    Hostile("nul-byte", GOOD.encode().replace(b"plan", b"pl\x00an"), "encoding", message="NUL"),
    Hostile("latin-1", "staff: li-ming\nsummary: café\n".encode("latin-1"), "encoding"),
    Hostile("gbk", GOOD.encode("gbk"), "encoding", message="GBK"),
    Hostile("utf-16", GOOD.encode("utf-16"), "encoding"),
    Hostile("control-character", replaced("本周", "本\x07周"), "yaml-syntax"),
    # odd file names
    Hostile(
        "space-in-name",
        GOOD.encode(),
        "unexpected-file",
        "submissions/li-ming/weekly/2026-W47 copy.yaml",
    ),
    Hostile(
        "upper-case-folder",
        GOOD.encode(),
        "unexpected-file",
        "submissions/Li-Ming/weekly/2026-W47.yaml",
    ),
    Hostile(
        "dot-dot-in-name",
        GOOD.encode(),
        "unexpected-file",
        "submissions/li-ming/weekly/..2026-W47.yaml",
    ),
    Hostile(
        "double-dot-extension",
        GOOD.encode(),
        "unexpected-file",
        "submissions/li-ming/weekly/2026-W47..yaml",
    ),
    Hostile("only-extension", GOOD.encode(), "unexpected-file", "submissions/li-ming/weekly/.yaml"),
    Hostile(
        "newline-in-name",
        GOOD.encode(),
        "unexpected-file",
        "submissions/li-ming/weekly/2026-W47\n.yaml",
    ),
    Hostile(
        "full-width-digits-in-period",
        GOOD.encode(),
        "unexpected-file",
        "submissions/li-ming/weekly/２０２６-W47.yaml",
    ),
    Hostile(
        "bidi-override-in-period",
        GOOD.encode(),
        "unexpected-file",
        "submissions/li-ming/weekly/2026-W\u202e47.yaml",
    ),
    Hostile(
        "zero-width-in-staff-folder",
        GOOD.encode(),
        "unexpected-file",
        "submissions/li\u200bming/weekly/2026-W47.yaml",
    ),
    # look-alike text inside the file
    Hostile(
        "zero-width-in-staff-id",
        replaced("staff: li-ming", "staff: li\u200b-ming"),
        "schema",
        message="li-ming",
    ),
    Hostile(
        "bidi-override-in-week",
        replaced("week: 2026-W47", "week: 2026-W\u202e47"),
        "schema",
        message="2026-W47",
    ),
    Hostile(
        "full-width-digits-in-week",
        replaced("week: 2026-W47", "week: ２０２６-W47"),
        "schema",
        message="2026-W47",
    ),
    # YAML 1.1 and typing traps
    Hostile(
        "yaml11-no-in-text",
        replaced("site: 天河授权站", "site: no"),
        "schema",
        message='加引号写成 "no"',
    ),
    Hostile(
        "yaml11-on-in-text",
        replaced("site: 天河授权站", "site: On"),
        "schema",
        message='加引号写成 "On"',
    ),
    Hostile("integer-key", appended("123: x\n"), "schema", message='"123"'),
    Hostile("boolean-key", appended("yes: x\n"), "schema", message='"yes"'),
    Hostile("null-key", appended("~: x\n"), "schema", message='"~"'),
    Hostile("complex-key", appended("? [a, b]\n: x\n"), "yaml-unsafe"),
    Hostile(
        "python-tag", appended("x: !!python/object/apply:os.system [echo hi]\n"), "yaml-unsafe"
    ),
    Hostile("merge-key", appended("extra:\n  <<: {a: 1}\n"), "yaml-unsafe"),
    # an explicit core tag with a value it cannot hold: one line, one diagnostic, no traceback
    Hostile("bool-tag-on-text", replaced("site: 天河授权站", "site: !!bool foo"), "yaml-syntax"),
    Hostile(
        "timestamp-tag-on-text",
        replaced("site: 天河授权站", "site: !!timestamp foo"),
        "yaml-syntax",
    ),
    Hostile("int-tag-on-empty", replaced("site: 天河授权站", "site: !!int ''"), "yaml-syntax"),
    Hostile("float-tag-on-empty", replaced("site: 天河授权站", "site: !!float ''"), "yaml-syntax"),
    Hostile("bool-tag-on-nothing", replaced("site: 天河授权站", "site: !!bool"), "yaml-syntax"),
    Hostile("int-tag-on-text", replaced("site: 天河授权站", "site: !!int abc"), "yaml-syntax"),
    Hostile("duplicate-key", appended("summary: 又一次\n"), "duplicate-key"),
    Hostile("infinite-count", appended("complaints: {handled: .inf}\n"), "schema"),
    Hostile("impossible-date", replaced("2026-11-17", "2026-02-30"), "schema", message="日期"),
    Hostile("second-document", appended("---\nfoo: 1\n"), "yaml-syntax", message="文档"),
)


def hostile_repo(root: Path, case: Hostile) -> GitRepo:
    """The valid minimal case, with the hostile file committed in place of the weekly report."""
    materialise(CASES / "valid/weekly-minimal", root)
    repo = GitRepo.init(root)
    if case.path != REPORT:
        (root / REPORT).unlink()
    repo.write(case.path, case.content)
    repo.commit("报告", COMMITTED)
    return repo


def check_json(root: Path) -> tuple[int, dict[str, object]]:
    env = {"GITHUB_ACTIONS": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""}
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(root), "--format", "json", "--now", NOW],
        env=env,
        catch_exceptions=False,
    )
    assert "Traceback" not in result.output
    data: dict[str, object] = json.loads(result.output)
    return result.exit_code, data


def findings(data: dict[str, object], path: str) -> list[tuple[str, str]]:
    diagnostics = data["diagnostics"]
    assert isinstance(diagnostics, list)
    return [(d["rule"], d["message"]) for d in diagnostics if d["path"] == path]


def test_catalogue_names_are_unique() -> None:
    assert len({case.name for case in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.name)
def test_hostile_file_gets_one_clear_diagnostic(case: Hostile, tmp_path: Path) -> None:
    hostile_repo(tmp_path, case)
    code, data = check_json(tmp_path)
    assert code == 1
    found = findings(data, case.path)
    assert [rule for rule, _ in found] == [case.rule], found
    assert case.message in found[0][1]
    assert "pydantic" not in found[0][1] and "_type" not in found[0][1]


def test_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A FIFO cannot come through git, but a checkout can hold one; opening it would block."""
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    (tmp_path / REPORT).unlink()
    os.mkfifo(tmp_path / REPORT)
    done = run_cli(tmp_path)
    assert done.returncode == 1
    data = json.loads(done.stdout)
    said = "无法读取文件:不是普通文件(命名管道、设备或套接字)"
    assert findings(data, REPORT) == [("encoding", said)]
    english = run_cli(tmp_path, "--lang", "en")
    assert findings(json.loads(english.stdout), REPORT) == [
        ("encoding", "cannot read the file: not a regular file")
    ]


@pytest.mark.parametrize(
    ("code", "said"),
    [(errno.EACCES, "没有读取权限"), (errno.EIO, "读取出错(磁盘或文件系统)")],
)
def test_why_a_file_cannot_be_read_is_said_in_chinese(code: int, said: str) -> None:
    """The system's reason (`strerror`) is English: a Chinese message names it in Chinese."""
    problem = unreadable(
        "submissions/li-ming/weekly/2026-W47.yaml", OSError(code, os.strerror(code))
    )
    assert problem.message() == f"无法读取文件:{said}"
    assert problem.message("en") == f"cannot read the file: {os.strerror(code)}"


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """Linux allows any bytes in a name; the check names the file and goes on."""
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    folder = os.fsencode(tmp_path / "submissions/li-ming/weekly")
    with open(os.path.join(folder, b"2026-W46\xff.yaml"), "wb") as handle:
        handle.write(GOOD.encode())
    done = run_cli(tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    odd = [
        d
        for d in data["diagnostics"]
        if d["path"].startswith("submissions/li-ming/weekly/2026-W46")
    ]
    assert [d["rule"] for d in odd] == ["unexpected-file"]


def test_thousands_of_problems_in_one_file_are_capped(tmp_path: Path) -> None:
    """25,000 unknown keys: the first 100 problems and one diagnostic saying there are more."""
    content = "".join(f"k{i}: 1\n" for i in range(25_000)).encode()
    hostile_repo(tmp_path, Hostile("many-keys", content, "schema"))
    code, data = check_json(tmp_path)
    assert code == 1
    found = findings(data, REPORT)
    assert len(found) == MAX_PER_FILE + 1
    assert {rule for rule, _ in found} == {"schema"}
    assert sum("只列出前 100 个" in message for _, message in found) == 1


def test_every_hostile_file_at_once_finishes(tmp_path: Path) -> None:
    """All expansion, depth and size cases in one repository, as a separate process with a
    generous timeout: the failure mode here is a hang, not a wrong answer."""
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    repo = GitRepo.init(tmp_path)
    heavy = [c for c in CATALOGUE if len(c.content) > 20_000 or c.name == "billion-laughs"]
    for week, case in enumerate(heavy, start=30):
        repo.write(f"submissions/li-ming/weekly/2026-W{week}.yaml", case.content)
    repo.commit("报告", COMMITTED)
    done = run_cli(tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    expected = {
        f"submissions/li-ming/weekly/2026-W{week}.yaml": [case.rule]
        for week, case in enumerate(heavy, start=30)
    }
    found = {path: [rule for rule, _ in findings(data, path)] for path in expected}
    assert found == expected


MEMORY_LIMIT = 1 << 31  # 2 GiB of address space: a blow-up fails instead of swapping
LIMITED = (
    "import resource, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT})); "
    "from validator.cli import main; sys.argv[0] = 'validator'; main()"
)


def run_cli(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`validator check` as a separate process with bounded time and memory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VALIDATOR_", "GITHUB_"))}
    command = ["check", "--repo", str(root), "--format", "json", "--now", NOW, *extra]
    return subprocess.run(
        [sys.executable, "-c", LIMITED, *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
