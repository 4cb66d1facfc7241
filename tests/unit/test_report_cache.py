"""The parsed-report cache in .git/validator/: same answers as without it, never stale."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.corpus import CASES, materialise
from tests.support.gitrepo import GitRepo
from validator.checking.check import check, run_checks
from validator.core.diagnostics import Diagnostic
from validator.core.fingerprint import imported_by
from validator.repo import report_cache
from validator.repo.report_cache import PARSING_ENTRY, LazyDocument, ReportCache
from validator.repo.workspace import open_workspace

NOW = dt.datetime.fromisoformat("2026-11-22T10:00:00+08:00")
REPORT = "submissions/li-ming/weekly/2026-W47.yaml"


def repo_with_problems(root: Path) -> GitRepo:
    """A report whose findings need positions (a rule) and one with a schema error."""
    materialise(CASES / "valid/weekly-minimal", root)
    repo = GitRepo.init(root)
    text = (root / REPORT).read_text(encoding="utf-8")
    repo.write(REPORT, text.replace("2026-11-17", "2026-11-30"))  # date-out-of-period
    repo.write("submissions/li-ming/weekly/2026-W46.yaml", text.replace("site:", "sight:"))
    repo.commit("报告", "2026-11-20T18:00:00+08:00")
    return repo


def cache_files(root: Path) -> list[Path]:
    return sorted((root / ".git" / "validator").glob("reports-*.pickle"))


def cached(root: Path) -> list[Diagnostic]:
    """The findings as `validator pages` gets them: every report loaded through the cache
    (`validator check` has its own verdict cache)."""
    return run_checks(open_workspace(root), NOW)


def test_cached_run_gives_the_same_diagnostics(tmp_path: Path) -> None:
    repo_with_problems(tmp_path)
    fresh = check(tmp_path, None, NOW, use_cache=False).diagnostics
    check(tmp_path, None, NOW)
    assert cache_files(tmp_path) == []  # a check keeps verdicts, not parsed reports
    first = cached(tmp_path)
    assert len(cache_files(tmp_path)) == 1
    second = cached(tmp_path)
    rules = sorted({d.rule for d in fresh})
    assert "date-out-of-period" in rules and "schema" in rules
    assert fresh == first == second
    assert [d.line for d in fresh] == [d.line for d in second]


def test_hit_keeps_positions_lazily(tmp_path: Path) -> None:
    """A report nobody reported about is cached without positions: read again on demand."""
    repo = repo_with_problems(tmp_path)
    clean = "submissions/li-ming/weekly/2026-W45.yaml"
    text = (CASES / "valid/weekly-minimal" / REPORT).read_text(encoding="utf-8")
    repo.write(clean, text.replace("2026-W47", "2026-W45").replace("2026-11-17", "2026-11-03"))
    repo.commit("on time", "2026-11-08T20:00:00+08:00")
    cache = ReportCache.open(tmp_path)
    raw = (tmp_path / clean).read_bytes()
    key = ReportCache.key(clean, "weekly", raw)
    assert cache.get(key, clean, raw) is None
    cached(tmp_path)
    cache = ReportCache.open(tmp_path)
    entry = cache.get(key, clean, raw)
    assert entry is not None
    document, report, _ = entry
    assert isinstance(document, LazyDocument) and report is not None
    mark = document.mark(("work", 0, "date"))
    assert mark is not None and (mark.line, mark.column) == (5, 11)
    assert document.data["week"] == "2026-W45"


def test_positions_come_from_the_file_and_only_while_it_is_unchanged(tmp_path: Path) -> None:
    """The document keeps no copy of the bytes (a national company's reports would sit in
    memory twice): positions are read from the file, and never from a file changed since, whose
    lines would point beside the values the data holds."""
    repo = repo_with_problems(tmp_path)
    clean = "submissions/li-ming/weekly/2026-W45.yaml"
    text = (CASES / "valid/weekly-minimal" / REPORT).read_text(encoding="utf-8")
    repo.write(clean, text.replace("2026-W47", "2026-W45").replace("2026-11-17", "2026-11-03"))
    repo.commit("on time", "2026-11-08T20:00:00+08:00")
    cached(tmp_path)
    workspace = open_workspace(tmp_path)
    [rf] = [r for r in workspace.reports if r.path == clean]
    [again] = [r for r in open_workspace(tmp_path).reports if r.path == clean]
    assert isinstance(rf.document, LazyDocument) and isinstance(again.document, LazyDocument)
    assert (tmp_path / clean).read_bytes() not in vars(rf.document).values()
    mark = rf.document.mark(("work", 0, "date"))
    assert mark is not None and (mark.line, mark.column) == (5, 11)
    (tmp_path / clean).write_text("# 改过了\n\n" + (tmp_path / clean).read_text("utf-8"), "utf-8")
    assert again.document.mark(("work", 0, "date")) is None
    assert again.document.data["week"] == "2026-W45"


def test_changed_file_is_parsed_again(tmp_path: Path) -> None:
    repo_with_problems(tmp_path)
    cached(tmp_path)
    path = tmp_path / "submissions/li-ming/weekly/2026-W46.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("sight:", "site:"), "utf-8")
    after = cached(tmp_path)
    assert "schema" not in {d.rule for d in after if d.path.endswith("W46.yaml")}
    assert after == check(tmp_path, None, NOW, use_cache=False).diagnostics


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    repo_with_problems(tmp_path)
    expected = check(tmp_path, None, NOW, use_cache=False).diagnostics
    cached(tmp_path)
    [file] = cache_files(tmp_path)
    file.write_bytes(b"not a pickle")
    assert cached(tmp_path) == expected
    file.write_bytes(b"")
    assert cached(tmp_path) == expected


def test_no_cache_outside_git(tmp_path: Path) -> None:
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    check(tmp_path, None, NOW)
    cached(tmp_path)
    assert not (tmp_path / ".git").exists()


def test_positions_of_files_with_findings_are_kept(tmp_path: Path) -> None:
    """A run stores the positions its messages needed; the next parses nothing again."""
    repo_with_problems(tmp_path)
    cached(tmp_path)  # a finding asks for a position: kept from now on
    raw = (tmp_path / REPORT).read_bytes()
    key = ReportCache.key(REPORT, "weekly", raw)
    entry = ReportCache.open(tmp_path).get(key, REPORT, raw, source=str(tmp_path / REPORT))
    assert entry is not None
    document = entry[0]
    assert document is not None
    (tmp_path / REPORT).write_bytes(b"# parsed again, this would give no position\n")
    mark = document.mark(("work", 0, "date"))  # from the stored positions, not from the file
    assert mark is not None and (mark.line, mark.column) == (5, 11)


def test_fingerprint_covers_all_code_that_loading_runs() -> None:
    """Every module of the package that loading a report imports is part of the cache key, so
    changing any of them (a new fast path, say) cannot leave stale parses behind."""
    code = (
        "import sys, validator.repo.report_loader; "
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() "
        "if n.startswith('validator') and getattr(m, '__file__', None)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {Path(f).resolve() for f in done.stdout.split()}
    covered = {p.resolve() for p in imported_by(PARSING_ENTRY)}
    assert loaded - covered == set()
    assert "site" not in {p.parent.name for p in covered}  # pages do not key parsed reports


def test_a_cache_of_several_pickles_reads_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is written as pickles of CHUNK entries each (one pickle of 120,000 reports
    holds a memo of every object until it ends); every entry comes back."""

    repo_with_problems(tmp_path)
    monkeypatch.setattr(report_cache, "CHUNK", 1)
    first = cached(tmp_path)
    entries = ReportCache.open(tmp_path).entries
    assert len(entries) == 2  # the two reports, from two pickles
    monkeypatch.setattr(report_cache, "CHUNK", 5000)
    assert ReportCache.open(tmp_path).entries.keys() == entries.keys()
    assert cached(tmp_path) == first


def test_without_data_the_findings_and_their_lines_are_the_same(tmp_path: Path) -> None:
    """`open_workspace(data=False)` (status, digest, remind) drops the data as written once
    validated; the checks read the validated reports and messages still find their lines."""
    repo_with_problems(tmp_path)
    full = run_checks(open_workspace(tmp_path, use_cache=False), NOW)
    lean = open_workspace(tmp_path, use_cache=False, data=False)
    assert all(rf.document is None or rf.document.data is None for rf in lean.reports)
    assert run_checks(lean, NOW) == full
    assert any(d.rule == "date-out-of-period" and d.line for d in full)


def test_damaged_stored_positions_are_parsed_again(tmp_path: Path) -> None:
    """Stored positions are unpacked only when a message needs them: damaged ones (a flipped
    byte in the cache file) mean the file is parsed again, never a crash."""
    repo_with_problems(tmp_path)
    raw = (tmp_path / REPORT).read_bytes()
    key = ReportCache.key(REPORT, "weekly", raw)
    source = str(tmp_path / REPORT)
    document = LazyDocument(
        REPORT, raw, None, source=source, kind="weekly", key=key, packed=b"\xffnot a pickle"
    )
    mark = document.mark(("work", 0, "date"))
    assert mark is not None and (mark.line, mark.column) == (5, 11)


#: texts libyaml reads and the block reader declines, where a line-based search for `week:`
#: would land on the wrong line: a quoted value continued at the first column, and a line
#: break libyaml counts (U+2028) inside a quoted value
DECLINED_BY_THE_BLOCK_READER = [
    'summary: "done for the\nweek: see notes"\nweek: 12\n',
    'summary: "a\u2028b"\nweek: 12\n',
]


@pytest.mark.parametrize("text", DECLINED_BY_THE_BLOCK_READER)
def test_a_lazy_document_of_text_the_block_reader_declined_gives_the_parsed_marks(
    text: str,
) -> None:
    """The parent builds a `LazyDocument` for every report the helper parsed, block style or
    not; only the block reader's documents may be searched line by line."""
    from validator.reading.blockyaml import load_block
    from validator.reading.loader import load_text

    assert load_block(text, "x.yaml") is None
    full = load_text(text, "x.yaml").document
    assert full is not None
    lazy = LazyDocument("x.yaml", text.encode(), full.data, kind="weekly")
    assert lazy.mark(("week",)) == full.mark(("week",))


def test_the_helper_says_which_reports_the_block_reader_read(tmp_path: Path) -> None:
    from validator.repo.report_loader import _parse_jobs

    (tmp_path / "block.yaml").write_text("staff: li-ming\nweek: 2026-W47\n", "utf-8")
    (tmp_path / "other.yaml").write_text(DECLINED_BY_THE_BLOCK_READER[0], "utf-8")
    parsed = _parse_jobs(str(tmp_path), [("block.yaml", "weekly"), ("other.yaml", "weekly")])
    assert [entry[5] for entry in parsed] == [True, False]


def test_a_save_that_fails_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while the parsed reports are written: the half-written temporary file was
    left in .git/validator/, one more per failed run."""
    repo_with_problems(tmp_path)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("validator.repo.report_cache.pickle.dump", full_disk)
    cached(tmp_path)
    left = [p.name for p in (tmp_path / ".git" / "validator").iterdir()]
    assert [name for name in left if name.startswith("reports")] == []  # the history's is kept
