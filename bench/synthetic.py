"""A large synthetic organization repository, written in one `git fast-import` stream.

`validator demo` is the realistic generator; this one exists so the benchmark (and profiling) can
run even where `demo` is not available, and so its size does not depend on the demo's choices:
exactly `staff × weeks` valid weekly reports, one commit each, authored before the deadline except
for every 17th report (late, with a `late_reason`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

CHINA = dt.timezone(dt.timedelta(hours=8))
SITES = ("天河授权站", "越秀授权站", "佛山授权站", "东莞授权站", "海珠服务中心", "番禺维修点")
TASKS = (
    "检查维修工单填写与备件申请",
    "培训服务态度与投诉处理流程",
    "走访运营商营业厅,了解终端销售情况",
    "处理用户投诉并回访",
    "盘点备件库存,核对故障机台账",
)
CATEGORIES = ("station", "training", "operator", "complaint", "parts")


def staff_id(index: int) -> str:
    return f"staff-{index:04d}"


def weeks_ending(last_monday: dt.date, count: int) -> list[dt.date]:
    """Mondays of the `count` ISO weeks ending with the week of `last_monday`, oldest first."""
    return [last_monday - dt.timedelta(weeks=count - 1 - i) for i in range(count)]


def week_text(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def org_files(staff: int, first_monday: dt.date) -> dict[str, str]:
    regions = max(1, staff // 4)
    region_lines = ["regions:"]
    for r in range(regions):
        region_lines += [
            f"  - id: region-{r:03d}",
            f"    name: 区域{r}",
            f"    annual_sales: {50000 + (r * 7919) % 250000}",
            "    high_failure_models: false",
            "    one_stop: false",
        ]
    staff_lines = ["staff:"]
    for s in range(staff):
        staff_lines += [
            f"  - id: {staff_id(s)}",
            f"    name: 员工{s}",
            "    category: technician",
            f"    email: staff{s}@example.com",
            f"    github: staff{s}-gh",
            "    role: staff",
            "    postings:",
            f"      - {{regions: [region-{s % regions:03d}], from: {first_monday.isoformat()},"
            " to: null}",
        ]
    return {
        "org/policy.yaml": "organization: 基准测试通信有限公司\ntimezone: Asia/Shanghai\n",
        "org/regions.yaml": "\n".join(region_lines) + "\n",
        "org/staff.yaml": "\n".join(staff_lines) + "\n",
    }


def weekly_report(sid: str, monday: dt.date, seq: int, late: bool) -> str:
    lines = [
        f"staff: {sid}",
        f"week: {week_text(monday)}",
        f"summary: 本周走访{SITES[seq % len(SITES)]}等{2 + seq % 3}个站点,处理投诉{seq % 4}起。",
        "work:",
    ]
    for day in range(3):
        lines += [
            f"  - date: {(monday + dt.timedelta(days=day)).isoformat()}",
            f"    description: {TASKS[(seq + day) % len(TASKS)]}",
            f"    site: {SITES[(seq + day) % len(SITES)]}",
            f"    category: {CATEGORIES[(seq + day) % len(CATEGORIES)]}",
        ]
    lines += [
        "plan:",
        f"  - 跟进{SITES[(seq + 1) % len(SITES)]}备件申请",
        "  - 整理本月故障机库存",
        f"complaints: {{handled: {seq % 4}, escalated: 0}}",
    ]
    if late:
        lines.append("late_reason: 出差途中网络中断,周一下午补交。")
    return "\n".join(lines) + "\n"


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def fast_import_stream(staff: int, weeks: int, last_monday: dt.date) -> bytes:
    """One commit for the org data, then one commit per report in submission order."""
    mondays = weeks_ending(last_monday, weeks)
    out: list[bytes] = []
    start = dt.datetime.combine(mondays[0] - dt.timedelta(days=7), dt.time(9), CHINA)
    ident = b"HR <hr@example.com> %d +0800\n" % int(start.timestamp())
    out.append(b"commit refs/heads/main\nmark :1\nauthor " + ident + b"committer " + ident)
    out.append(_data("组织数据"))
    for path, text in org_files(staff, mondays[0]).items():
        out.append(b"M 100644 inline " + path.encode() + b"\n" + _data(text))
    seq = 0
    for monday in mondays:
        for s in range(staff):
            seq += 1
            sid = staff_id(s)
            late = seq % 17 == 0
            # weekly due: the following Monday 13:00 local; on time = Friday to Monday morning
            offset = dt.timedelta(days=7, hours=14) if late else dt.timedelta(days=4, hours=17)
            when = dt.datetime.combine(monday, dt.time(0), CHINA) + offset
            when += dt.timedelta(seconds=s * 7)
            stamp = b"%d +0800\n" % int(when.timestamp())
            who = f"{sid} <{sid}@example.com> ".encode()
            path = f"submissions/{sid}/weekly/{week_text(monday)}.yaml"
            out.append(b"commit refs/heads/main\nauthor " + who + stamp)
            out.append(b"committer " + who + stamp)
            out.append(_data(f"{sid} {week_text(monday)} 周报"))
            text = weekly_report(sid, monday, seq, late)
            out.append(b"M 100644 inline " + path.encode() + b"\n" + _data(text))
    out.append(b"done\n")
    return b"".join(out)


def make_repo(root: Path, staff: int, weeks: int, last_monday: dt.date) -> None:
    """Create `root` as a git repository holding the synthetic organization, checked out."""
    root.mkdir(parents=True, exist_ok=False)
    env_args = {"cwd": root, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q", "-b", "main"], **env_args)  # type: ignore[call-overload]
    stream = fast_import_stream(staff, weeks, last_monday)
    subprocess.run(
        ["git", "fast-import", "--quiet", "--done"],
        input=stream,
        **env_args,  # type: ignore[call-overload]
    )
    subprocess.run(["git", "checkout", "-q", "-f", "main"], **env_args)  # type: ignore[call-overload]


def _stamp(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


def summary_text(year: int, staff: int, base: str, kept_weeks: int = 10) -> str:
    """An archived year's summary as `validator archive` writes it, for `staff` people who
    filed every week, month and expense claim on time under the default policy (weekly by
    Monday 13:00, monthly by the 5th 18:00, expenses by the 10th): the size of a national
    company's year without building its history. `base` is the archive point; `received`
    carries the first `kept_weeks` weeks of the next year."""
    lines = [
        f"# 由 validator archive 生成:{year} 年的报告在分支 archive/{year} 上。请勿手工修改。",
        "version: 1",
        f"year: {year}",
        f"base: {base}",
        f"branch: archive/{year}",
        f"archived_at: {year + 1}-03-10T12:00:00+08:00",
        "reports:",
    ]

    def blob(*parts: object) -> str:
        return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()

    weeks = dt.date(year, 12, 28).isocalendar()[1]
    for index in range(staff):
        sid = staff_id(index)
        lines.append(f"  {sid}:")
        for kind, day, hour in (("expenses", 10, 0), ("monthly", 5, 18)):
            lines.append(f"    {kind}:")
            for month in range(1, 13):
                due = dt.datetime(year + month // 12, month % 12 + 1, day, hour, tzinfo=CHINA)
                row = [_stamp(due - dt.timedelta(days=2)), _stamp(due), "on_time"]
                lines.append(f"      {year}-{month:02d}: [{', '.join(row)}, {blob(sid, month)}]")
        lines.append("    weekly:")
        for week in range(1, weeks + 1):
            monday = dt.date.fromisocalendar(year, week, 1) + dt.timedelta(weeks=1)
            due = dt.datetime.combine(monday, dt.time(13), CHINA)
            row = [_stamp(due - dt.timedelta(hours=20)), _stamp(due), "on_time"]
            lines.append(f"      {year}-W{week:02d}: [{', '.join(row)}, {blob(sid, week)}]")
    lines.append("spare_units:")
    lines += [f"  {staff_id(i)}: [SN{year}{i:06d}]" for i in range(staff)]
    lines.append("received:")
    stamp = f"{year + 1}-01-04T19:00:00+08:00"
    for index in range(staff):
        for week in range(1, kept_weeks + 1):
            path = f"submissions/{staff_id(index)}/weekly/{year + 1}-W{week:02d}.yaml"
            lines.append(f"  {path}: [{stamp}, {blob(index, year, week)}]")
    return "\n".join(lines) + "\n"
