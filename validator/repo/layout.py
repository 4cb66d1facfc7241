"""The layout of a report repository: which files are listed, and which of them are reports.

A report lives at `submissions/<staff>/<kind>/<period>.yaml` (docs/guide/submit.md#layout);
anything else under `submissions/` is reported as `unexpected-file`, except README.md files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validator.core import years
from validator.core.diagnostics import Diagnostic, diag
from validator.core.messages import Choices, Nested
from validator.kinds import KINDS, Period, Report, parse_period
from validator.kinds.periods import no_such_week, week_text, year_named
from validator.reading.document import Document

_STAFF_DIR = re.compile(r"^[a-z][a-z0-9-]{1,31}$")
ALLOWED_EXTRA = ("README.md",)
TOPS = ("org", "submissions")  # the folders a check reads


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


def expand_folders(root: Path, paths: list[str], extra: Iterable[str] = ()) -> list[str]:
    """Each folder in `paths` (org/, submissions/ or one inside them, as `validator check org/`
    names it) replaced by every file `list_files` lists under it, and every path of `extra` (the
    private checkout's org/ files) under it; anything else as it is."""
    extra = sorted(extra)
    out: list[str] = []
    for rel in paths:
        parts = rel.split("/")
        # is_dir first: a named file (the usual case) costs one stat, not one per level
        folder = (
            parts[0] in ("org", "submissions")
            and "" not in parts
            and Path(root, *parts).is_dir()
            and not any(  # the walk follows no symlink
                os.path.islink(os.path.join(root, *parts[:i])) for i in range(1, len(parts) + 1)
            )
            and not is_listed(root, rel)  # a submodule or hidden folder is an entry itself
        )
        if folder:
            inside = [p for p in extra if p.startswith(rel + "/")]
            out.extend(sorted({*list_files(root, (rel,)), *inside}))
        else:
            out.append(rel)
    return out


def list_files(root: Path, tops: tuple[str, ...] = TOPS) -> list[str]:
    """Every file under org/ and submissions/, repo-relative with `/`, sorted; a top folder
    that is a symbolic link is listed itself, never followed (it may lead out of the
    repository)."""
    found: list[str] = []
    for top in tops:
        base = root / top
        if base.is_symlink():
            found.append(top)  # listed, not walked, so that `symlink` reports it (classify_all)
            continue
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
        if rel in TOPS:  # listed only when it is a link to a folder (`list_files`)
            unexpected.append(diag(rel, "symlink", "symlink"))
            continue
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
    if "/." in rel:  # a part after the first that starts with a dot
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
            reason=_reason("bad-kind", kind=kind, choices=_KIND_CHOICES),
        )
    stem = name[: -len(".yaml")]
    period = parse_period(kind, stem)
    year = year_named(stem)
    if period is None and year is not None and not years.supported(year):
        reason = _reason(
            "bad-period-year", period=stem, first=years.FIRST_YEAR, last=years.LAST_YEAR
        )
        return diag(rel, "unexpected-file", "unexpected-file", reason=reason)
    beyond = no_such_week(stem) if kind == "weekly" and period is None else None
    if beyond is not None:
        reason = _reason("no-such-week", **beyond)
        return diag(rel, "unexpected-file", "unexpected-file", reason=reason)
    if period is None:
        example = likely_period(kind, stem) or KINDS[kind].example
        key = "bad-incident-name" if kind == "incidents" else "bad-period"
        return diag(
            rel,
            "unexpected-file",
            "unexpected-file",
            reason=_reason(
                key, period=stem, kind=kind, kind_zh=KINDS[kind].label_zh, example=example
            ),
        )
    return ReportFile(rel, staff_dir, kind, period)


def likely_period(kind: str, stem: str) -> str | None:
    """The period a wrong file name most likely meant (`2026-w48`, `2026W48`, `2026_W48`,
    full-width digits -> `2026-W48`; `2026-W8` -> `2026-W08`; `2026-1` -> `2026-01`), so the
    message shows the reader's own week instead of a fixed one; None when nothing fits."""
    text = unicodedata.normalize("NFKC", stem).strip().upper().replace("_", "-").replace(".", "-")
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"^(\d{4})-?W-?(\d{1,2})$", lambda m: f"{m[1]}-W{int(m[2]):02d}", text)
    text = re.sub(r"^(\d{4})-(\d{1,2})$", lambda m: f"{m[1]}-{int(m[2]):02d}", text)
    text = re.sub(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text
    )
    day = _DAY.match(text)
    if kind == "weekly" and day is not None and day.end() == len(text):
        text = _week_of(day.group()) or text  # `2026-11-23`: the week of that day
    written = _WRITTEN_DAY.match(unicodedata.normalize("NFKC", stem))
    if kind == "incidents" and day is not None and written is not None:  # the day, and a
        name = re.sub(r"[^a-z0-9]+", "-", written.string[written.end() :].lower())  # name it
        name = name.strip("-")[:48].strip("-")  # may hold: lower-case ASCII and hyphens
        text = f"{day.group()}-{name or KINDS[kind].example[11:]}"
    return text if text != stem and parse_period(kind, text) is not None else None


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WRITTEN_DAY = re.compile(r"\s*\d{4}[-_.]\d{1,2}[-_.]\d{1,2}")


def _week_of(day: str) -> str | None:
    try:
        return week_text(dt.date.fromisoformat(day))
    except ValueError:
        return None


_KIND_CHOICES = Choices(tuple(KINDS), tuple(kind.label_zh for kind in KINDS.values()))


def _reason(key: str, **args: Any) -> Nested:
    return Nested(key, tuple(sorted(args.items())))
