"""`person.md` and `data/people/<id>.json`: one page shows any person (internal builds only).

A page per person and a page of each person's reports made a national company's site 800 pages
and 35 MB of HTML, which MkDocs spent minutes parsing. The people are data instead: one JSON
file per person (facts, postings, handovers, weekly states, scores, leave, every report's
content) and one viewer page, `person/?id=<id>`, drawn by `docs/assets/person-view.js` with DOM
text nodes only. The number of pages no longer grows with the staff, and a person's reports stay
out of the handbook's search index without any front matter.

Every string here is the raw value (the script never parses markup); a report's content is a
tree of `{"k": [[label, child], ...]}` (a mapping), `{"l": [child, ...]}` (a list) or a string.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from validator.core.messages import CHOICE_ZH
from validator.features.deadlines_text import duration_zh
from validator.features.status import STATE_ZH, StaffStatus, format_rate, handover_duties
from validator.handbook.citations import cite
from validator.kinds import KINDS
from validator.kinds.base import Report
from validator.kinds.spare import SpareUnit
from validator.models.handbook import handbook_of
from validator.models.org import routed_reviewer
from validator.repo.forking import Channel, Split
from validator.repo.layout import ReportFile
from validator.repo.on_file import units_out_by_month
from validator.site.pages.common import (
    CATEGORY_ZH,
    PERSON_PAGE,
    Pages,
    Site,
    header,
    in_zone,
    months_between,
    report_anchor,
    when,
)
from validator.site.pages.escape import text
from validator.site.pages.labels import LABELS
from validator.site.pages.tables import DATA_DIR, Cell, json_bytes, state

PEOPLE = f"{DATA_DIR}/people"
Table = dict[str, Any]


#: people per batch of files handed to the writer: a national company's 2,000 files are 125 MB,
#: which need not all be in memory at once
BATCH = 100
#: people from whom a forked helper renders half (a person is a few milliseconds of work: at
#: 2,000 people the files are 6 s on one core)
PARALLEL_PEOPLE = 200


def render(site: Site) -> Iterator[Pages]:
    if not site.internal or not site.status.staff:
        return
    yield {PERSON_PAGE: _viewer(site)}
    staff = site.status.staff

    def helper(theirs: list[StaffStatus], channel: Channel) -> None:
        for batch in _batches(theirs):
            channel.send(_rendered(site, batch))

    split = Split.start(staff, helper, minimum=PARALLEL_PEOPLE)

    def from_helper(wait: bool) -> Iterator[Pages]:
        """The helper's batches so far (or, with `wait`, all of them)."""
        for part in split.stream(wait=wait):
            yield _named(split.theirs[split.answered - len(part) : split.answered], part)

    with split:
        for batch in _batches(split.mine):
            yield _named(batch, _rendered(site, batch))
            yield from from_helper(wait=False)
        yield from from_helper(wait=True)
        for batch in _batches(split.theirs[split.answered :]):  # what a failed helper left
            yield _named(batch, _rendered(site, batch))
    yield {f"{PEOPLE}/index.json": json_bytes({"people": [_entry(site, m) for m in staff]})}


def _batches(members: list[StaffStatus]) -> Iterator[list[StaffStatus]]:
    return (members[start : start + BATCH] for start in range(0, len(members), BATCH))


def _rendered(site: Site, members: list[StaffStatus]) -> list[bytes]:
    return [json_bytes(_person(site, member)) for member in members]


def _named(members: list[StaffStatus], files: list[bytes]) -> Pages:
    return {f"{PEOPLE}/{m.id}.json": made for m, made in zip(members, files, strict=True)}


def _viewer(site: Site) -> str:
    """The one Markdown page: a placeholder the script fills, and the texts that cite the
    handbook (MkDocs resolves those links; the script shows them where they apply)."""
    found = cite(handbook_of(site.org.handbook), "handover", f"status/{PERSON_PAGE}")
    within = duration_zh(site.org.policy.reports.handover.due_within)
    return "\n".join(
        [
            *header(site, "人员"),
            '<div class="person-view" markdown="1">',
            "",
            f"[人员名单(JSON,共 {len(site.status.staff)} 人)]({PEOPLE}/index.json)",
            "",
            "</div>",
            "<noscript>本页由页面脚本显示;浏览器未启用 JavaScript 时,"
            "请打开上面的人员名单。</noscript>",
            "",
            '<div class="person-handover-basis" hidden markdown="1">',
            "",
            f"派驻结束后须提交工作交接{f'({found})' if found else ''};"
            f"交接日期须在派驻结束后 {text(within)}之内(本组织规定)。",
            "",
            "</div>",
            "",
        ]
    )


def _entry(site: Site, member: StaffStatus) -> dict[str, str]:
    staff = member.staff
    regions = {r for posting in staff.postings for r in posting.regions}
    return {
        "id": staff.id,
        "name": staff.name,
        "category": CATEGORY_ZH.get(staff.category or "", "—"),
        "regions": "、".join(_region(site, r) for r in sorted(regions)),
        "rate": format_rate(member.on_time_rate),
    }


def _routed(site: Site, target: str | None) -> str:
    """Whom the member's reports go to (JP 三(一)3), or 未指定 where the routing names no
    reviewer, as the by-engineer page and the digest read it."""
    reviewer = routed_reviewer(site.staff, target)
    return reviewer.name if reviewer is not None else "未指定"


def _region(site: Site, region_id: str) -> str:
    region = site.org.region_by_id.get(region_id)
    return region.name if region else region_id


def _person(site: Site, member: StaffStatus) -> dict[str, Any]:
    staff = member.staff
    files = site.files_by_staff.get(staff.id, [])
    return {
        "id": staff.id,
        "name": staff.name,
        "facts": [
            ["编号", staff.id],
            ["类别", CATEGORY_ZH[staff.category] if staff.category else "—"],
            ["GitHub 账号", staff.github],
            ["邮箱", staff.email],
            ["渠道工程师", _routed(site, staff.channel_engineer)],
            ["渠道经理", _routed(site, staff.channel_manager)],
            [f"周报准时率(最近 {len(member.cells)} 周)", format_rate(member.on_time_rate)],
            ["连续准时", f"{member.streak} 周"],
        ],
        "postings": _postings(site, member),
        "handovers": _handovers(site, member),
        "weeks": _weeks(site, member),
        "scores": _scores(site, staff.id),
        "leave": _table(
            ["起", "止", "事由"],
            [
                [str(e.from_), str(e.to), e.reason or "—"]
                for e in site.leave_by_staff.get(staff.id, [])
            ],
        ),
        "reports": [_report(site, rf) for rf in files],
        "units_out": _units_out(site, staff.id),
    }


def _units_out(site: Site, staff_id: str) -> list[dict[str, Any]]:
    """For the report form (`validator new`'s spare units, `handover-units`): month by month, the
    spare units each monthly report on file leaves out on loan, as repo/on_file.py reads them for
    check and `validator new`; of the archived months only the latest, by serial alone. A report
    that fails the schema (or an archived month that carries nothing) has `units` null: check
    and `validator new` carry nothing past it."""
    months = units_out_by_month(site.workspace.root, staff_id, functools.partial(_loaded, site))
    done = [m for m in months if m[2]][-1:]  # an archived year's: only the latest is known
    return [
        {"month": stem, "units": None if units is None else [_unit(u) for u in units]}
        for stem, units, _archived in done + [m for m in months if not m[2]]
    ]


def _loaded(site: Site, path: str) -> Report | None:
    rf = site.by_path.get(path)
    return rf.report if rf is not None else None


def _unit(unit: SpareUnit | str) -> dict[str, str] | str:
    """A unit as its report wrote it (an archived month's: its serial alone)."""
    if isinstance(unit, str):
        return unit
    return {k: str(v) for k, v in unit.model_dump(exclude_none=True).items() if k != "returned"}


def _table(columns: list[str], rows: list[list[Cell]], numeric: tuple[int, ...] = ()) -> Table:
    return {"columns": columns, "numeric": list(numeric), "rows": rows}


def _postings(site: Site, member: StaffStatus) -> Table:
    rows: list[list[Cell]] = []
    for posting in member.staff.postings:
        end = posting.to if posting.to is not None and posting.to < site.today else site.today
        tenure = f"{months_between(posting.from_, end)} 个月" if posting.from_ <= end else "未开始"
        regions = "、".join(_region(site, r) for r in posting.regions)
        rows.append([regions, str(posting.from_), str(posting.to or "至今"), tenure])
    return _table(["区域", "起", "止", "任期"], rows)


def _handovers(site: Site, member: StaffStatus) -> Table:
    """Each ended posting's handover (JP 四); the page's hidden note says the basis."""
    rows: list[list[Cell]] = []
    for duty in handover_duties(site.workspace, member.staff):
        done: Cell
        if duty.done is not None:
            path = f"submissions/{member.id}/handover/{duty.done.isoformat()}.yaml"
            rf = site.by_path.get(path)
            label = f"已交接({duty.done})"
            done = _to_report(label, rf) if rf else label
        else:
            done = "缺交接" if duty.missing(site.now) else "待交接"
        regions = "、".join(_region(site, r) for r in duty.posting.regions)
        rows.append([regions, str(duty.start), str(duty.until), done])
    return _table(["区域", "派驻结束", "交接期限", "状态"], rows)


def _to_report(label: str, rf: ReportFile) -> Cell:
    return {"text": label, "href": f"#{report_anchor(rf)}"}


def _weeks(site: Site, member: StaffStatus) -> Table:
    rows: list[list[Cell]] = []
    for week in reversed(site.status.weeks):
        found = member.cells[week.text]
        rf = site.by_path.get(found.path) if found.path else None
        cell = state(found.state, STATE_ZH[found.state])
        if rf is not None and isinstance(cell, dict):
            cell["href"] = f"#{report_anchor(rf)}"
        arrived = in_zone(found.received, site) if found.received else "—"
        rows.append([week.text, when(found.due), cell, arrived])
    return _table(["周", "截止时间", "状态", "提交时间"], rows)


def _scores(site: Site, staff_id: str) -> Table:
    threshold = site.org.policy.performance.threshold
    rows: list[list[Cell]] = []
    for month, scores in sorted(site.org.scores.items()):
        if staff_id in scores.scores:
            value = scores.scores[staff_id]
            rows.append([month, f"{value:g}", f"低于 {threshold} 分" if value < threshold else ""])
    return _table(["月份", "分数", "备注"], rows, numeric=(1,))


def _report(site: Site, rf: ReportFile) -> dict[str, Any]:
    received = site.received(rf)
    committed = site.workspace.history.received_at(rf.path) is not None
    data = rf.document.data if rf.document is not None else None
    found: dict[str, Any] = {
        "anchor": report_anchor(rf),
        "kind": KINDS[rf.kind].label_zh,
        "period": rf.period.text,
        "file": rf.path,
        "received": in_zone(received, site) + ("" if committed else "(尚未提交到仓库)"),
        "due": in_zone(site.due(rf), site),
        "verdict": "准时" if received < site.due(rf) else "迟交",
        "valid": rf.report is not None,
    }
    if data is not None:  # a file that failed the checks is shown as written
        found["content"] = tree(data, site if rf.report is not None else None)
    return found


def _label(key: Any) -> str:
    return str(LABELS.get(str(key), key))


#: report fields whose values are codes of a closed list, shown by their Chinese names
CODED_FIELDS = frozenset({"category", "channel", "status", "reason"})
REGION_FIELDS = frozenset({"region", "regions"})


def tree(value: Any, site: Site | None = None, key: str = "") -> Any:
    """A YAML value as the viewer's tree: mapping keys by their Chinese labels, scalars as text.

    With `site` (a valid report), codes read as a reader says them: `parts` as 备件, `operator`
    as 局方 (the names the formats give, `CHOICE_ZH`), a region id as the region's name. One
    pass: a national company's site draws 120,000 reports."""
    if isinstance(value, dict):
        return {"k": [[_label(k), tree(v, site, str(k))] for k, v in value.items()]}
    if isinstance(value, list):
        return {"l": [tree(item, site, key) for item in value]} if value else "—"
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if site is not None and isinstance(value, str):
        if key in CODED_FIELDS:
            return CHOICE_ZH.get(value, value)
        if key in REGION_FIELDS and value in site.org.region_by_id:
            return site.org.region_by_id[value].name
    return str(value)
