"""Everything a run needs from a repository: org data, report files, and git history.

Loading never stops at a bad file: each file becomes parsed data or diagnostics. Rules then work
on this one in-memory picture, so cross-file checks see the whole repository.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from validator.core.diagnostics import Diagnostic, diag
from validator.core.errors import RepositoryError, UsageError
from validator.core.messages import Nested
from validator.kinds import KINDS, Period, Report, parse_period
from validator.models import Approvals, Leave, Policy, Regions, Scores, StaffRoster
from validator.models.org import Region, Staff
from validator.reading.loader import Document, load_file
from validator.reading.schema_errors import validate
from validator.repo.history import History, PendingHistory, start_history
from validator.repo.report_cache import ReportCache
from validator.repo.report_loader import Loader

ORG_FILES: dict[str, type[BaseModel]] = {
    "org/policy.yaml": Policy,
    "org/staff.yaml": StaffRoster,
    "org/regions.yaml": Regions,
    "org/leave.yaml": Leave,
    "org/approvals.yaml": Approvals,
}
_SCORES = re.compile(r"^org/scores/(\d{4}-(?:0[1-9]|1[0-2]))\.yaml$", re.ASCII)
_STAFF_DIR = re.compile(r"^[a-z][a-z0-9-]{1,31}$")
ALLOWED_EXTRA = ("README.md",)


@dataclass
class ReportFile:
    """One file under submissions/ that has the shape `<staff>/<kind>/<period>.yaml`."""

    path: str
    staff_id: str
    kind: str
    period: Period
    document: Document | None = None
    report: Report | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Org:
    """Reference data from org/, with defaults standing in for missing or broken files."""

    policy: Policy = field(default_factory=Policy)
    roster: StaffRoster = field(default_factory=StaffRoster)
    regions: Regions = field(default_factory=Regions)
    leave: Leave = field(default_factory=Leave)
    approvals: Approvals = field(default_factory=Approvals)
    scores: dict[str, Scores] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    _index: dict[str, tuple[object, dict[str, Any]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def staff(self) -> dict[str, Staff]:
        """The roster by id, built once per roster: rules ask for it once per report."""
        return self._indexed("staff", self.roster, self.roster.staff)

    @property
    def region_by_id(self) -> dict[str, Region]:
        return self._indexed("regions", self.regions, self.regions.regions)

    def _indexed(self, name: str, owner: object, items: list[Any]) -> dict[str, Any]:
        cached = self._index.get(name)
        if cached is None or cached[0] is not owner:
            cached = self._index[name] = (owner, {item.id: item for item in items})
        return cached[1]

    @property
    def roster_known(self) -> bool:
        """False when staff.yaml failed to load: then no report is blamed for an unknown id."""
        return "org/staff.yaml" not in self.broken

    @property
    def regions_known(self) -> bool:
        return "org/regions.yaml" not in self.broken


@dataclass
class Workspace:
    root: Path
    org: Org
    reports: list[ReportFile]
    history: History
    diagnostics: list[Diagnostic]  # load, schema and layout problems, per file
    checked: list[str]  # repo-relative paths that were looked at
    cache: ReportCache | None = field(default=None, repr=False, compare=False)


def open_workspace(
    root: Path,
    paths: list[str] | None = None,
    *,
    use_cache: bool = True,
    started: PendingHistory | None = None,
) -> Workspace:
    """Load org data (always whole) and the report files in `paths` (default: all); a caller
    that `started` reading the git history earlier passes it in."""
    if not root.is_dir():
        raise RepositoryError(f"{root} is not a directory")
    diagnostics: list[Diagnostic] = []
    named: list[str] | None = None
    if paths is not None:
        missing = [p for p in paths if not is_listed(root, p)]
        if missing:
            raise UsageError("no such file under org/ or submissions/: " + ", ".join(missing))
        named = sorted(set(paths))
    # git works out the history in the background (on the other core) from here on
    if started is not None:
        pending = started
    else:  # for one or two named files git reads only their history
        pending = start_history(root, use_cache=use_cache, paths=named)
    try:
        selected = list_files(root) if named is None else named
        reports, unexpected = classify_all(selected)
        cache = ReportCache.open(root) if use_cache and paths is None else None
        with collector_paused():
            loader = Loader(root, reports, cache)
            loader.start()  # forks a helper for a large repository (this process has no thread)
            org = load_org(root, diagnostics)  # meanwhile the helper parses reports
            loader.finish()
            if cache is not None:
                cache.save()
        history = pending.result()
    finally:
        pending.close()
    diagnostics.extend(unexpected)
    for report in reports:
        diagnostics.extend(report.diagnostics)
    checked = [p for p in selected if p.startswith(("org/", "submissions/"))]
    if paths is not None:
        chosen = set(selected)
        diagnostics = [d for d in diagnostics if d.path in chosen]
    return Workspace(root, org, reports, history, diagnostics, checked, cache)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading, then freeze what was loaded.

    Parsed reports hold no cycles (reference counting frees them), yet with millions of live
    objects every full collection walks them all: seconds in a large repository, during the
    load and again in whatever runs after it. Frozen objects are skipped by the collector."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def is_listed(root: Path, rel: str) -> bool:
    """Whether `list_files` would list `rel`, without walking the whole tree (a pull request
    names a few files in a repository of tens of thousands)."""
    parts = rel.split("/")
    if len(parts) < 2 or parts[0] not in ("org", "submissions") or "" in parts:
        return False
    # the walk does not follow symlinked folders: a path through one is not listed
    if any(os.path.islink(os.path.join(root, *parts[:i])) for i in range(1, len(parts))):
        return False
    path = Path(root, *parts)
    if path.is_dir() and not path.is_symlink():
        return _not_a_folder(str(path))  # a submodule is listed (and reported), not walked
    return path.is_symlink() or os.path.lexists(path)


def list_files(root: Path, tops: tuple[str, ...] = ("org", "submissions")) -> list[str]:
    """Every file under org/ and submissions/, repo-relative with `/`, sorted."""
    found: list[str] = []
    for top in tops:
        base = root / top
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            inside = dirnames + filenames
            if dirpath != str(base) and (".git" in inside or not inside):
                found.append(rel_dir)  # a submodule (or the empty folder a checkout leaves of it)
                dirnames[:] = []
                continue
            # a hidden folder is listed so that `unexpected-file` reports it; it is not walked
            found.extend(f"{rel_dir}/{d}" for d in dirnames if d.startswith("."))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            found.extend(f"{rel_dir}/{name}" for name in filenames)
            # a symlinked directory is listed as a file so that `symlink` reports it
            found.extend(
                f"{rel_dir}/{d}" for d in list(dirnames) if os.path.islink(os.path.join(dirpath, d))
            )
    return sorted(found)


def _not_a_folder(path: str) -> bool:
    """A folder that `list_files` lists as an entry: hidden, a submodule, or empty (git keeps no
    empty folders, so one in a checkout is where a submodule would be)."""
    name = os.path.basename(path)
    try:
        inside = {entry.name for entry in Path(path).iterdir()}
    except OSError:
        return True
    return name.startswith(".") or ".git" in inside or not inside


def load_org(root: Path, diagnostics: list[Diagnostic]) -> Org:
    org = Org()
    values: dict[str, Any] = {}
    for rel in list_files(root, ("org",)):
        model: type[BaseModel] | None = ORG_FILES.get(rel)
        month = _SCORES.fullmatch(rel)
        if month:
            model = Scores
        if model is None:
            if Path(rel).name not in ALLOWED_EXTRA:
                diagnostics.append(
                    diag(
                        shown(rel),
                        "unexpected-file",
                        "unexpected-org-file",
                        name=shown(rel)[4:],
                        choices=_org_choices(),
                    )
                )
            continue
        loaded = load_file(str(root / rel), rel)
        diagnostics.extend(loaded.diagnostics)
        if loaded.document is None:
            org.broken.add(rel)
            continue
        org.documents[rel] = loaded.document
        if rel != "org/policy.yaml" and loaded.document.data is None:
            continue  # an empty optional list file means "none"
        instance, problems = validate(loaded.document, model)
        diagnostics.extend(problems)
        if instance is None:
            org.broken.add(rel)
            continue
        if month:
            scores: Scores = instance
            if scores.month != month[1]:
                mark = loaded.document.mark(("month",))
                diagnostics.append(
                    diag(
                        rel,
                        "path-mismatch",
                        "path-mismatch",
                        at=mark,
                        field="month",
                        value=scores.month,
                        expected=month[1],
                    )
                )
            org.scores[month[1]] = scores
        else:
            values[rel] = instance
    org.policy = values.get("org/policy.yaml", org.policy)
    org.roster = values.get("org/staff.yaml", org.roster)
    org.regions = values.get("org/regions.yaml", org.regions)
    org.leave = values.get("org/leave.yaml", org.leave)
    org.approvals = values.get("org/approvals.yaml", org.approvals)
    return org


def _org_choices() -> str:
    return ", ".join([p[4:] for p in ORG_FILES] + ["scores/YYYY-MM.yaml", "README.md"])


def shown(rel: str) -> str:
    """A path as valid text: bytes of a file name that are not UTF-8 (kept by the file system
    as surrogates) become U+FFFD, so output stays valid UTF-8 JSON."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return rel


def classify_all(files: list[str]) -> tuple[list[ReportFile], list[Diagnostic]]:
    """The report files among `files` (org/ files aside), and a diagnostic for each file that
    has no place under submissions/."""
    reports: list[ReportFile] = []
    unexpected: list[Diagnostic] = []
    for rel in files:
        item = None if rel.startswith("org/") else classify(rel)
        if isinstance(item, ReportFile):
            reports.append(item)
        elif item is not None:
            unexpected.append(item)
    return reports, unexpected


def classify(rel: str) -> ReportFile | Diagnostic | None:
    """Recognise `submissions/<staff>/<kind>/<period>.yaml`; anything else is unexpected."""
    if shown(rel) != rel:  # a name that is not UTF-8: judge (and print) it as readable text
        return classify(shown(rel))
    parts = rel.split("/")
    if any(part.startswith(".") for part in parts[1:]):
        return diag(rel, "unexpected-file", "unexpected-file", reason=_reason("hidden"))
    if parts[-1] in ALLOWED_EXTRA:
        return None
    if len(parts) != 4:
        return diag(rel, "unexpected-file", "unexpected-file", reason=_reason("bad-depth"))
    _, staff_dir, kind, name = parts
    if not name.endswith(".yaml"):
        return diag(rel, "unexpected-file", "unexpected-file", reason=_reason("bad-extension"))
    if not _STAFF_DIR.fullmatch(staff_dir):
        return diag(
            rel,
            "unexpected-file",
            "unexpected-file",
            reason=_reason("bad-staff-folder", name=staff_dir),
        )
    if kind not in KINDS:
        return diag(
            rel,
            "unexpected-file",
            "unexpected-file",
            reason=_reason("bad-kind", kind=kind, choices=", ".join(KINDS)),
        )
    stem = name[: -len(".yaml")]
    period = parse_period(kind, stem)
    if period is None:
        return diag(
            rel,
            "unexpected-file",
            "unexpected-file",
            reason=_reason(
                "bad-period",
                period=stem,
                kind=kind,
                kind_zh=KINDS[kind].label_zh,
                example=KINDS[kind].example,
            ),
        )
    return ReportFile(rel, staff_dir, kind, period)


def _reason(key: str, **args: Any) -> Nested:
    return Nested(key, tuple(sorted(args.items())))
