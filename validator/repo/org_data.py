"""Reference data from `org/`, loaded whole on every run (docs/formats/org.md)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from validator.core.diagnostics import Diagnostic, diag
from validator.core.errors import UsageError
from validator.models import Approvals, Leave, Policy, Regions, Scores, StaffRoster
from validator.models.handbook import Handbook
from validator.models.org import Approval, Region, Staff
from validator.reading.document import Document
from validator.reading.loader import LoadResult, load_file
from validator.reading.schema_errors import validate
from validator.repo.layout import ALLOWED_EXTRA, list_files, shown

ORG_FILES: dict[str, type[BaseModel]] = {
    "org/policy.yaml": Policy,
    "org/staff.yaml": StaffRoster,
    "org/regions.yaml": Regions,
    "org/leave.yaml": Leave,
    "org/approvals.yaml": Approvals,
    "org/handbook.yaml": Handbook,
}
_SCORES = re.compile(r"^org/scores/(\d{4}-(?:0[1-9]|1[0-2]))\.yaml$", re.ASCII)


@dataclass
class Org:
    """Reference data from org/, with defaults standing in for missing or broken files."""

    policy: Policy = field(default_factory=Policy)
    roster: StaffRoster = field(default_factory=StaffRoster)
    regions: Regions = field(default_factory=Regions)
    leave: Leave = field(default_factory=Leave)
    approvals: Approvals = field(default_factory=Approvals)
    scores: dict[str, Scores] = field(default_factory=dict)
    handbook: Handbook | None = None  # org/handbook.yaml; None: the product's defaults
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

    @property
    def approval_by_id(self) -> dict[str, Approval]:
        """The approvals by id (of an id given twice, the last), built once per file: the
        expense rules ask for it once per claim, the report form once per build."""
        return self._indexed("approvals", self.approvals, self.approvals.approvals)

    def duplicate_ids(self) -> list[tuple[str, str]]:
        """(file, id) for each staff or region id given twice: the indexes above keep the last,
        so one person's reports would count for two rows, or the other's for none. `check`
        points at the line (`duplicate-id`); commands that stand on the roster refuse."""
        twice: list[tuple[str, str]] = []
        for path, items in (
            ("org/staff.yaml", self.roster.staff),
            ("org/regions.yaml", self.regions.regions),
        ):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    twice.append((path, item.id))
                seen.add(item.id)
        return twice

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


PRIVATE_ENV = "VALIDATOR_PRIVATE"


def private_root() -> Path | None:
    """The reviewers-only checkout named by $VALIDATOR_PRIVATE (docs/guide/adopt.md), if any."""
    value = os.environ.get(PRIVATE_ENV)
    if not value:
        return None
    path = Path(value)
    if not (path / "org").is_dir():
        raise UsageError(f"${PRIVATE_ENV}={value}: no org/ folder there (the private checkout)")
    return path


def is_personal(rel: str) -> bool:
    """Personal data (PIPL): leave and its reasons, approvals, scores. These may live in the
    private checkout; the roster, regions and policy stay in the repository everyone reads."""
    return rel in ("org/leave.yaml", "org/approvals.yaml") or bool(_SCORES.fullmatch(rel))


def org_sources(root: Path) -> dict[str, Path]:
    """Each org/ file and the checkout it is read from: personal files of the private checkout
    take the place of any copy in `root`."""
    # org/ itself as a link is `symlink` (classify_all), not a file of org/
    sources = dict.fromkeys((p for p in list_files(root, ("org",)) if p != "org"), root)
    private = private_root()
    if private is not None:
        for rel in list_files(private, ("org",)):
            if is_personal(rel):
                sources[rel] = private
    return sources


def load_org(
    root: Path,
    diagnostics: list[Diagnostic],
    *,
    files: list[str] | None = None,
    read: Callable[[str], LoadResult] | None = None,
) -> Org:
    """The org data in `root`, or the `files` that `read` loads (a pull request's base branch
    as git has it: the judgement never uses the pull request's own org/ files)."""
    org = Org()
    values: dict[str, Any] = {}
    sources = org_sources(root) if files is None else dict.fromkeys(files, root)
    for rel in sorted(sources):
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
        loaded = load_file(str(sources[rel] / rel), rel) if read is None else read(rel)
        # not `loaded.warnings`: operators annotate values on purpose (`name: 李明  # 组长`),
        # while a comment cutting a report's prose is a writer's slip (rule comment-in-text)
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
    org.handbook = values.get("org/handbook.yaml")
    return org


def _org_choices() -> str:
    return ", ".join([p[4:] for p in ORG_FILES] + ["scores/YYYY-MM.yaml", "README.md"])
