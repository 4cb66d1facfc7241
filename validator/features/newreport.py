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

from validator.core import years
from validator.core.diagnostics import Diagnostic
from validator.core.errors import RepositoryError, UsageError
from validator.core.messages import both_languages
from validator.features.schemas import DEFAULT_DIR
from validator.kinds import COMMANDS, Kind, Period
from validator.kinds.base import OnFile
from validator.kinds.periods import no_such_week, period_start, year_named
from validator.models.org import Staff
from validator.models.policy import Policy
from validator.repo.git import git, report_root
from validator.repo.on_file import units_out
from validator.repo.org_data import Org, load_org

#: what the user types (`validator new weekly|…|incident`) -> its kind
KINDS: dict[str, Kind] = COMMANDS


@dataclass(frozen=True)
class NewReport:
    path: str  # repo-relative, with `/`
    text: str
    staff: str
    period: Period
    due: dt.datetime
    root: Path  # the repository's root, which `path` is relative to


def create_report(
    root: Path,
    kind: str,
    now: dt.datetime,
    staff_id: str | None = None,
    period_text: str | None = None,
) -> NewReport:
    """Write a pre-filled report into `root` and describe it; UsageError rather than overwrite."""
    report = plan_report(root, kind, now, staff_id, period_text)
    root = report.root
    target = root / report.path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(report.text)
    except FileExistsError:
        _no_file_in_the_way(root, target)
        raise UsageError(
            f"{report.path} 已存在,不会覆盖 / already exists, not overwritten"
        ) from None
    except OSError as exc:
        _no_file_in_the_way(root, target)
        raise UsageError(f"无法写入 {report.path}:{exc.strerror}") from None
    return report


def _no_file_in_the_way(root: Path, target: Path) -> None:
    """UsageError naming a file where one of `target`'s folders goes (mkdir says it exists)."""
    for folder in target.parents:
        if folder == root:
            break
        if folder.is_file():
            name = folder.relative_to(root).as_posix()
            raise UsageError(
                f"{name} 是文件,不是文件夹;请移走它再写报告 / {name} is a file, not a folder"
            ) from None


def plan_report(
    root: Path,
    kind: str,
    now: dt.datetime,
    staff_id: str | None = None,
    period_text: str | None = None,
) -> NewReport:
    """Everything `create_report` writes, without writing it."""
    if kind not in KINDS:
        raise UsageError(f"未知的报告类别 {kind!r},可选:{'、'.join(KINDS)} / unknown kind {kind!r}")
    chosen = KINDS[kind]
    root = report_root(root)  # from a subfolder too: the roster is at the repository's root
    problems: list[Diagnostic] = []
    org = load_org(root, problems)
    tz = org.policy.tz
    local_now = now.replace(tzinfo=tz) if now.tzinfo is None else now.astimezone(tz)
    staff = identify_staff(root, org, staff_id)
    if period_text is not None:
        period = _chosen_period(chosen, period_text, local_now, tz)
    else:
        period = next_period(root, chosen, staff.id, local_now)
    path = f"submissions/{staff.id}/{chosen.name}/{period.text}.yaml"
    # the moment the report is written for: now, or the start of a period that is not today's
    moment = local_now.replace(second=0, microsecond=0, tzinfo=None)
    if not period.contains(moment.date()):
        moment = dt.datetime.combine(period.start, dt.time(0, 0))
    deadline = chosen.deadline(period, moment.replace(tzinfo=tz), org.policy)
    late = deadline <= local_now
    body = chosen.template(staff, period, moment, _on_file(root, chosen, staff.id, period))
    header = [
        f"# yaml-language-server: $schema={modeline_target(path)}",
        *_intro(chosen, period, deadline, org.policy),
    ]
    if late:
        body += '# 已过截止时间:请在下面说明逾期原因。\nlate_reason: ""\n'
    text = "\n".join(header) + "\n" + body
    return NewReport(path, text, staff.id, period, deadline, root)


def _on_file(root: Path, kind: Kind, staff_id: str, period: Period) -> OnFile:
    """What `staff_id`'s earlier reports carry into the new one."""
    found = units_out(root, staff_id, kind.units_as_of(period)) if kind.units_as_of else None
    return OnFile() if found is None else OnFile(month=found[0], units_out=tuple(found[1]))


def _chosen_period(kind: Kind, text: str, now: dt.datetime, tz: dt.tzinfo) -> Period:
    """The period `--period` names, if check would take a report for it at `now`: in the
    supported years, and begun (`future-period` judges the period's first moment the same way)."""
    found = kind.parse_period(text)
    year = year_named(text)
    if found is None and year is not None and not years.supported(year):
        raise UsageError(
            f"--period {text!r} 的年份应在 {years.FIRST_YEAR} 至 {years.LAST_YEAR} 之间"
            f" / the year must be from {years.FIRST_YEAR} to {years.LAST_YEAR}"
        )
    beyond = no_such_week(text) if kind.name == "weekly" and found is None else None
    if beyond is not None:
        raise UsageError(f"--period: {both_languages('no-such-week', beyond)}")
    if found is None:
        raise UsageError(f"--period {text!r} 不是{kind.period_zh} / not {kind.period_en}")
    start = period_start(found, tz)
    if start > now:
        raise UsageError(
            f"--period {text!r} 从 {start:%Y-%m-%d %H:%M} 开始,还没有到,不能提前填写"
            f" / the period starts on {start:%Y-%m-%d %H:%M}, which is still in the future"
        )
    return found


def seen_from(here: Path, root: Path, path: str) -> str:
    """The repo-relative `path` as the user types it in the folder `here`: from `here` when it
    is a subfolder of the repository at `root` (an editor and `git add` take paths from there),
    else as it is."""
    top, cwd = os.path.realpath(root), os.path.realpath(here)
    if cwd == top or not cwd.startswith(top.rstrip(os.sep) + os.sep):
        return path
    return Path(os.path.relpath(os.path.join(top, path), cwd)).as_posix()


def git_steps(root: Path, report: NewReport, kind: str, path: str | None = None) -> list[str]:
    """The Git commands that hand `report` in: a branch named for the staff member (everyone
    pushing `weekly-2026-W47` would collide), add, commit, push. The branch starts from the
    remote's default branch when git knows it, so an earlier report branch is not carried along.
    `path` is the report's as the user types it (`seen_from`), its repo-relative one by default.
    """
    remotes = _git_lines(root, "remote")
    remote = "origin" if "origin" in remotes or not remotes else remotes[0]
    start = next(iter(_git_lines(root, "symbolic-ref", "-q", f"refs/remotes/{remote}/HEAD")), "")
    start = start.removeprefix("refs/remotes/")
    branch = f"{report.staff}/{KINDS[kind].name}-{report.period.text}"
    return [
        f"git switch -c {branch}" + (f" {start}" if start else ""),
        f"git add {path or report.path}",
        f'git commit -m "{KINDS[kind].label_zh} {report.period.text}"',
        f"git push -u {remote} {branch}",
    ]


def _git_lines(root: Path, *args: str) -> list[str]:
    try:
        return git(root, *args).split()
    except RepositoryError:
        return []


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


def next_period(root: Path, kind: Kind, staff_id: str, now: dt.datetime) -> Period:
    """The period due next for which no file exists yet (see the module docstring)."""
    assert kind.candidates is not None  # every kind `validator new` writes names its candidates
    texts = kind.candidates(now.date())
    for text in texts:
        if not (root / "submissions" / staff_id / kind.name / f"{text}.yaml").exists():
            found = kind.parse_period(text)
            break
    else:  # all filed: name the latest, so the user hears that it already exists
        found = kind.parse_period(texts[-1])
    if found is None:  # a "now" at the start of the supported years: no period before it
        raise UsageError(
            f"{now.date()} 之前没有可填写的期间(年份应在 {years.FIRST_YEAR} 至 "
            f"{years.LAST_YEAR} 之间)/ no period before {now.date()} in the supported years"
        )
    return found


def modeline_target(path: str) -> str:
    """Where the schema of the report at repo-relative `path` is, relative to its folder."""
    kind = path.split("/")[2]
    target = f"{DEFAULT_DIR}/{kind}.schema.json"
    return Path(os.path.relpath(target, Path(path).parent)).as_posix()


def _intro(kind: Kind, period: Period, deadline: dt.datetime, policy: Policy) -> list[str]:
    span = (
        f"{period.start.isoformat()} 至 {period.end.isoformat()}"
        if period.start != period.end
        else period.start.isoformat()
    )
    return [
        f"# {kind.label_zh} {period.text}({span}),截止 {deadline:%Y-%m-%d %H:%M}"
        f"({policy.timezone})。",
        '# 把每个 "" 和 null 换成实际内容;写完运行 validator check 检查。',
    ]
