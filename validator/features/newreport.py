"""Pre-filled report files for `validator new`, so staff never start from a blank page.

Which period: the one whose report is due next and not yet filed. For a weekly report that is the
ISO week just ended, unless its file already exists, then the current week (due next Monday); for
monthly reports and expense claims the month just ended, else the current month. A report whose
deadline has already passed gets an empty `late_reason` to fill in.

Placeholders are empty strings (and `null` for numbers): the file is valid YAML with every key in
place, and `validator check` names each field still to be written, at its line.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from validator.core.diagnostics import Diagnostic
from validator.core.errors import RepositoryError, UsageError
from validator.features.schemas import DEFAULT_DIR
from validator.kinds.period import Period, due, parse_period, week_text
from validator.models.org import Policy, Staff
from validator.repo.git import git
from validator.repo.workspace import Org, load_org

#: what the user types -> folder name under submissions/<staff>/
KINDS = {"weekly": "weekly", "monthly": "monthly", "expenses": "expenses", "incident": "incidents"}
_WEEKDAYS_ZH = "一二三四五六日"


@dataclass(frozen=True)
class NewReport:
    path: str  # repo-relative, with `/`
    text: str
    staff: str
    period: Period
    due: dt.datetime


def create_report(
    root: Path,
    kind: str,
    now: dt.datetime,
    staff_id: str | None = None,
    period_text: str | None = None,
) -> NewReport:
    """Write a pre-filled report into `root` and describe it; UsageError rather than overwrite."""
    report = plan_report(root, kind, now, staff_id, period_text)
    target = root / report.path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(report.text)
    except FileExistsError:
        raise UsageError(
            f"{report.path} 已存在,不会覆盖 / already exists, not overwritten"
        ) from None
    except OSError as exc:
        raise UsageError(f"无法写入 {report.path}:{exc.strerror}") from None
    return report


def plan_report(
    root: Path,
    kind: str,
    now: dt.datetime,
    staff_id: str | None = None,
    period_text: str | None = None,
) -> NewReport:
    """Everything `create_report` writes, without writing it."""
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    folder = KINDS[kind]
    if not root.is_dir():
        raise UsageError(f"{root} is not a directory")
    problems: list[Diagnostic] = []
    org = load_org(root, problems)
    tz = org.policy.tz
    local_now = now.replace(tzinfo=tz) if now.tzinfo is None else now.astimezone(tz)
    staff = identify_staff(root, org, staff_id)
    if period_text is not None:
        period = parse_period(folder, period_text)
        if period is None:
            raise UsageError(f"--period {period_text!r} 不是{_period_hint(folder)}")
    else:
        period = next_period(root, folder, staff.id, local_now)
    path = f"submissions/{staff.id}/{folder}/{period.text}.yaml"
    occurred = local_now.replace(second=0, microsecond=0, tzinfo=None)
    if folder == "incidents" and occurred.date() != period.start:
        occurred = dt.datetime.combine(period.start, dt.time(0, 0))
    deadline = due(period, org.policy, occurred.replace(tzinfo=tz))
    late = deadline <= local_now
    body = _BODIES[folder](staff, period, org, occurred)
    header = [
        f"# yaml-language-server: $schema={modeline_target(path)}",
        *_intro(folder, period, deadline, org.policy),
    ]
    if late:
        body += '# 已过截止时间:请在下面说明逾期原因。\nlate_reason: ""\n'
    text = "\n".join(header) + "\n" + body
    return NewReport(path, text, staff.id, period, deadline)


def identify_staff(root: Path, org: Org, staff_id: str | None) -> Staff:
    """The roster entry for `--staff`, else for `git config user.email`."""
    roster = org.staff
    if "org/staff.yaml" in org.broken:
        raise UsageError(
            "org/staff.yaml 有错误,无法确定工号;请先运行 validator check org/staff.yaml"
        )
    if staff_id is not None:
        if staff_id in roster:
            return roster[staff_id]
        raise UsageError(f"工号 {staff_id} 不在 org/staff.yaml 中 / unknown staff id")
    email = _git_email(root)
    if not email:
        raise UsageError("没有设置 git config user.email;请用 --staff 指定工号")
    matches = [m for m in roster.values() if m.email.casefold() == email.casefold()]
    if not matches:
        raise UsageError(
            f"git config user.email ({email}) 不在 org/staff.yaml 中;请用 --staff 指定工号"
        )
    return matches[0]


def _git_email(root: Path) -> str:
    try:
        return git(root, "config", "user.email").strip()
    except RepositoryError:  # not a repository, or the key is unset (git exits 1)
        return ""


def next_period(root: Path, folder: str, staff_id: str, now: dt.datetime) -> Period:
    """The period due next for which no file exists yet (see the module docstring)."""
    today = now.date()
    if folder == "incidents":
        found = parse_period(folder, f"{today.isoformat()}-incident")
    elif folder == "weekly":
        last, current = today - dt.timedelta(days=7), today
        found = _first_unfiled(root, folder, staff_id, [week_text(last), week_text(current)])
    else:
        this_month = today.replace(day=1)
        last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
        texts = [f"{d.year}-{d.month:02d}" for d in (last_month, this_month)]
        found = _first_unfiled(root, folder, staff_id, texts)
    assert found is not None
    return found


def _first_unfiled(root: Path, folder: str, staff_id: str, texts: list[str]) -> Period | None:
    for text in texts:
        if not (root / "submissions" / staff_id / folder / f"{text}.yaml").exists():
            return parse_period(folder, text)
    # Both filed: name the latest, so the user hears that it already exists.
    return parse_period(folder, texts[-1])


def modeline_target(path: str) -> str:
    """Where the schema of the report at repo-relative `path` is, relative to its folder."""
    kind = path.split("/")[2]
    target = f"{DEFAULT_DIR}/{kind}.schema.json"
    return Path(os.path.relpath(target, Path(path).parent)).as_posix()


def _period_hint(folder: str) -> str:
    return {
        "weekly": "ISO 周(例如 2026-W47)",
        "monthly": "月份(例如 2026-10)",
        "expenses": "月份(例如 2026-10)",
        "incidents": "日期加英文标识(例如 2026-11-20-tianhe-media)",
    }[folder]


def _intro(folder: str, period: Period, deadline: dt.datetime, policy: Policy) -> list[str]:
    names = {"weekly": "周报", "monthly": "月报", "expenses": "报销", "incidents": "突发事件报告"}
    span = (
        f"{period.start.isoformat()} 至 {period.end.isoformat()}"
        if period.start != period.end
        else period.start.isoformat()
    )
    return [
        f"# {names[folder]} {period.text}({span}),截止 {deadline:%Y-%m-%d %H:%M}"
        f"({policy.timezone})。",
        '# 把每个 "" 和 null 换成实际内容;写完运行 validator check 检查。',
    ]


def _regions(staff: Staff, period: Period) -> list[str]:
    found: list[str] = []
    for posting in staff.postings:
        if posting.overlaps(period.start, period.end):
            found.extend(r for r in posting.regions if r not in found)
    return found


def _weekly(staff: Staff, period: Period, org: Org, occurred: dt.datetime) -> str:
    lines = [f"staff: {staff.id}", f"week: {period.text}", 'summary: ""', "work:"]
    lines.append("  # 每天做了什么;没有工作的日子整条删除,周末加班可照样添加。")
    for offset in range(5):
        day = period.start + dt.timedelta(days=offset)
        lines += [
            f"  - date: {day.isoformat()}   # 星期{_WEEKDAYS_ZH[offset]}",
            '    description: ""',
        ]
    lines += ["plan:   # 下周计划,至少一条", '  - ""']
    regions = _regions(staff, period)
    if regions:
        lines.append(f"regions: [{', '.join(regions)}]")
    return "\n".join(lines) + "\n"


def _monthly(staff: Staff, period: Period, org: Org, occurred: dt.datetime) -> str:
    regions = _regions(staff, period) or ['""']
    lines = [f"staff: {staff.id}", f"month: {period.text}", 'summary: ""']
    lines.append("faulty_stock:   # 局方故障机库存,每个派驻区域一条")
    for region in regions:
        lines += [f"  - region: {region}", "    units: null"]
    lines.append("replacements:   # 本月换新台数")
    for region in regions:
        lines += [f"  - region: {region}", "    count: null"]
    lines += [
        "spare_units: []   # 借出未还的备用机,每台一条:",
        '  # - {serial: "", holder: "", loaned: YYYY-MM-DD, due: YYYY-MM-DD}',
    ]
    return "\n".join(lines) + "\n"


def _expenses(staff: Staff, period: Period, org: Org, occurred: dt.datetime) -> str:
    return (
        "\n".join(
            [
                f"staff: {staff.id}",
                f"month: {period.text}",
                "items:   # 每笔费用一条;个人费用加 personal: true,不计入合计",
                "  # category: travel 出差 | reception 接待 | transport 交通 | lodging 住宿"
                " | communication 通信 | office 办公 | other 其他",
                "  # 出差与接待须加 approval: 审批编号(org/approvals.yaml)",
                f"  - date: {period.start.isoformat()}",
                '    category: ""',
                "    amount: null   # 元,最多两位小数",
                '    description: ""',
            ]
        )
        + "\n"
    )


def _incident(staff: Staff, period: Period, org: Org, occurred: dt.datetime) -> str:
    regions = _regions(staff, period)
    lines = [
        f"staff: {staff.id}",
        f'occurred_at: "{occurred:%Y-%m-%d %H:%M}"   # 发生时间(当地时间)',
        'title: ""',
        'channel: ""   # regulator 管理部门 | consumer_association 消协 | media 媒体 | other 其他',
        "parties:   # 相关方:用户、授权站、媒体……",
        '  - ""',
        'summary: ""',
        "updates: []   # 后续进展:- {date: YYYY-MM-DD, text: ...}",
        "status: open",
    ]
    if regions:
        lines.append(f"regions: [{', '.join(regions)}]")
    return "\n".join(lines) + "\n"


_BODIES = {
    "weekly": _weekly,
    "monthly": _monthly,
    "expenses": _expenses,
    "incidents": _incident,
}
