"""Everything a run needs from a repository: org data, report files, and git history.

Loading never stops at a bad file: each file becomes parsed data or diagnostics. Rules then work
on this one in-memory picture, so cross-file checks see the whole repository.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from validator.core.diagnostics import Diagnostic, ordered
from validator.core.errors import RepositoryError, UsageError
from validator.repo.history import History, PendingHistory, start_history
from validator.repo.layout import (
    ReportFile,
    classify_all,
    expand_folders,
    is_listed,
    list_files,
    shown,
)
from validator.repo.org_data import Org, load_org, org_sources
from validator.repo.report_cache import ReportCache
from validator.repo.report_loader import ReportLoader, shed_data


@dataclass
class Workspace:
    root: Path
    org: Org
    reports: list[ReportFile]
    history: History
    diagnostics: list[Diagnostic]  # load, schema and layout problems, per file
    checked: list[str]  # repo-relative paths that were looked at
    cache: ReportCache | None = field(default=None, repr=False, compare=False)

    def reports_of(self, staff_id: str, kind: str) -> list[ReportFile]:
        """`staff_id`'s reports of `kind`, from an index built on first use (a page per person
        that scanned every report would cost staff x reports: 2,000 x 120,000 at a national
        company). The report list never changes once the workspace is loaded."""
        return self._owned.get((staff_id, kind), [])

    @functools.cached_property
    def _owned(self) -> dict[tuple[str, str], list[ReportFile]]:
        owned: dict[tuple[str, str], list[ReportFile]] = {}
        for rf in self.reports:
            owned.setdefault((rf.staff_id, rf.kind), []).append(rf)
        return owned


#: the org/ files a command that tells people what they owe stands on: one with an error is read
#: as its defaults (no notify channels, default deadlines, an empty roster), so such a command
#: would send nothing, or the wrong thing, and still succeed
NOTIFY_ORG = ("org/policy.yaml", "org/staff.yaml", "org/leave.yaml", "org/regions.yaml")


def require_org(workspace: Workspace, paths: tuple[str, ...] = NOTIFY_ORG) -> None:
    """RepositoryError (exit 2) naming each error in `paths` and each id given twice, when there
    is any: for the commands that tell people what they owe or how they stand."""
    errors = ordered(d for d in workspace.diagnostics if d.is_error and d.path in paths)
    lines = [
        ":".join(str(part) for part in (d.path, d.line, d.column) if part is not None)
        + f" {d.message('zh')}"
        for d in errors
    ]
    lines += [f"{path} 编号 “{id_}” 出现了不止一次" for path, id_ in workspace.org.duplicate_ids()]
    if lines:
        raise RepositoryError(
            "org/ 数据有错误,先修好(validator check org/)/ org/ data has errors; fix them"
            " first:\n" + "\n".join(f"  {line}" for line in lines)
        )


def open_workspace(
    root: Path,
    paths: list[str] | None = None,
    *,
    use_cache: bool = True,
    started: PendingHistory | None = None,
    data: bool = True,
) -> Workspace:
    """Load org data (always whole) and the report files in `paths` (default: all); a caller
    that `started` reading the git history earlier passes it in.

    Without `data`, each report's data as written is dropped once it is validated (with the
    cache's copy, once saved): rules and states read the validated report, messages re-read
    positions, and only the pages' report viewer shows the data itself. A national company's
    data is 400 MB."""
    if not root.is_dir():
        raise RepositoryError(f"{root} 不是目录 / is not a directory")
    diagnostics: list[Diagnostic] = []
    named: list[str] | None = None
    if paths is not None:
        # the personal files of the private checkout ($VALIDATOR_PRIVATE) count as org/ files
        private = {rel for rel, source in org_sources(root).items() if source != root}
        given = set(paths)
        paths = expand_folders(root, paths, private)
        # a folder's files were found by the walk that listed them: only a path named as it
        # is needs looking up (24,000 lookups are 0.4 s before git can start)
        missing = [p for p in paths if p in given and p not in private and not is_listed(root, p)]
        if missing:
            raise UsageError(
                "org/ 或 submissions/ 下没有这个文件 / no such file under org/ or submissions/: "
                + ", ".join(missing)
            )
        named = sorted(set(paths))
    # git works out the history in the background (on the other core) from here on
    if started is not None:
        pending = started
    else:  # for one or two named files git reads only their history
        pending = start_history(root, use_cache=use_cache, paths=named)
    try:
        selected = list_files(root) if named is None else named
        pending.launch()  # git has counted the commits meanwhile: the walk starts now
        reports, unexpected = classify_all(selected)
        cache = ReportCache.open(root) if use_cache and paths is None else None
        with collector_paused():
            loader = ReportLoader(root, reports, cache)
            with loader.start():  # forks a helper for a large repository (no thread here)
                org = load_org(root, diagnostics)  # meanwhile the helper parses reports
                loader.finish()
            if cache is not None:
                cache.save()
        if not data:
            cache = None  # saved: nothing more to store, and its entries hold the data
            shed_data(reports)
        history = pending.result()
    finally:
        pending.close()
    diagnostics.extend(unexpected)
    for report in reports:
        diagnostics.extend(report.diagnostics)
    checked = [p for p in selected if p.startswith(("org/", "submissions/"))]
    if paths is not None:
        # a diagnostic names a path that is not UTF-8 as it is printed (`shown`)
        chosen = {shown(p) for p in selected}
        diagnostics = [d for d in diagnostics if d.path in chosen]
    return Workspace(root, org, reports, history, diagnostics, checked, cache)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Parsed reports hold no cycles (reference counting frees them), yet with millions of live
    objects every full collection walks them all: seconds in a large repository. Only a pause:
    library code never freezes objects (a long-running `mkdocs serve` reaches it); a short-lived
    command turns the collector off for its whole run (`validator.cli.main`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
