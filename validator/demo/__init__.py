"""`validator demo`: a complete, fictional organization repository with a realistic history.

The default demo (8 reporting staff, 12 weeks ending "now", Asia/Shanghai time) contains:

- staff: 李明 li-ming (account_manager, 广州, posted 26 months: rotation due), 陈静 chen-jing
  (channel_assistant, 广州), 王芳 wang-fang (technician, 深圳, 8 months), 张伟 zhang-wei
  (parts_admin, 佛山 then 东莞 for 14 months; scores below 60 in the latest scored month), 刘洋
  liu-yang (technician, 佛山, 4 months: protected), 赵磊 zhao-lei (account_manager covering the
  adjacent class-3 regions 中山, 珠海, 江门), 黄敏 huang-min (parts_admin, one-stop region 惠州),
  周涛 zhou-tao (technician, 肇庆 and 清远, posted from the Wednesday of window week 6, so earlier
  weeks need no report), and the reviewers (no postings): the channel manager 孙丽 sun-li, copied
  on everyone's reports, and the channel engineers 钱浩 qian-hao (广州, 深圳, 东莞, 惠州) and 何静
  he-jing (the west) to whom the reports go (`channel_engineer`, `channel_manager`);
- ten regions in all three classes (广州, 深圳 class 1; 东莞, 佛山 class 2; 惠州 class 2 but
  one-stop; 中山, 珠海, 江门, 肇庆, 清远 class 3);
- leave: li-ming a whole week (window week 3) and wang-fang Saturday–Friday around window week 8,
  both excused; huang-min two days of sick leave (window week 9, still reports);
- weekly reports: of the weeks already due, 9 % late (each with a `late_reason`), 7 % missing,
  the rest on time; this week's report is present only for those who sent it early;
- monthly reports and expense claims for the months that fell due in the window, one incident
  (li-ming, on the Tuesday two weeks before the current week, resolved three days later), and
  three months of scores.

Deliberate problems, exactly (as `validator check` reports them on the default demo):

- `approval-missing` (error): li-ming's first expense claim has a `travel` item with no approval;
- `approval-after-the-fact` (error): the demo's first approval is granted the day after its trip;
- `handover-missing` (error): huang-min's earlier posting in 清远 ended without a handover
  (zhang-wei's move from 佛山 has one, filed late with a reason as it predates the repository);
- `spare-overdue` (warnings): li-ming's unit lent early in the first month, listed again and still
  out in the second (other units are lent and returned within the month);
- 陈静 chen-jing is a channel assistant: no reports, not scored, counted for allocation; 刘洋
  liu-yang declares the latest month with `no_claims: true`;
- `allocation` (warning): 深圳 is a class 1 region without a channel assistant;
- `late` (warnings only): every late report carries a `late_reason`, so no `late` error.

Larger demos (`staff`, `weeks`) add generated staff, one per generated class 2/3 region. A demo
of fewer weeks than `validator status` shows goes live at its first week (`start:` in its policy),
so the weeks before its history owe nothing; 黄敏's earlier posting then owes no handover either.
The result depends only on `seed`, `staff`, `weeks` and `now`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from validator.core import years
from validator.core.errors import RepositoryError, UsageError
from validator.core.timeutil import localize
from validator.demo.fastimport import write_repository
from validator.demo.roster import build_roster
from validator.demo.schedule import plan
from validator.demo.timeline import TZ

DEFAULT_SEED = "2026"
HISTORY_YEARS = 3  # the demo's postings begin up to this many years before its first report
MARKER = "validator-demo"  # a file inside .git saying that `demo` made this repository


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    staff: int  # reporting staff (the reviewer not counted)
    reports: int  # files under submissions/
    commits: int
    weekly: dict[str, int]  # weekly states as of "now", by the pinned state names
    now: dt.datetime


def build_demo(
    dest: Path,
    staff: int = 8,
    weeks: int = 12,
    seed: str | int = DEFAULT_SEED,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Create the demo repository in `dest` (missing or empty) and return what it holds.

    `progress(done, total)` hears of each step (roster, plan, history) for a caller at a
    terminal: a large demo takes a while."""
    step = progress or (lambda done, total: None)
    if staff < 8:
        raise UsageError("the demo needs at least 8 staff")
    if not 1 <= weeks <= 520:
        raise UsageError("weeks must be between 1 and 520")
    moment = localize(now or dt.datetime.now(dt.UTC), TZ).astimezone(TZ)
    today = moment.date()
    first_monday = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
    if first_monday.year - HISTORY_YEARS < years.FIRST_YEAR:  # postings begin before the reports
        raise UsageError(
            f"--now 太早:示例的派驻记录会早于 {years.FIRST_YEAR} 年 / --now too early: the demo's"
            f" postings would begin before {years.FIRST_YEAR}, the first supported year"
        )
    step(0, 3)
    roster = build_roster(staff, first_monday, today, random.Random(f"{seed}/roster"))
    step(1, 3)
    schedule = plan(roster, first_monday, moment, str(seed))
    step(2, 3)
    try:
        dest.mkdir(parents=True, exist_ok=True)
        if any(dest.iterdir()):
            raise UsageError(f"{dest} 不是空目录")
        write_repository(dest, schedule.commits)
        (dest / ".git" / MARKER).write_text(f"seed={seed}\n", encoding="utf-8")
    except OSError as exc:
        raise RepositoryError(f"cannot write {dest}: {exc}") from exc
    step(3, 3)
    paths = {path for c in schedule.commits for path, _ in c.files}
    reports = sum(p.startswith("submissions/") for p in paths)
    mix = Counter(schedule.mix)
    return DemoSummary(
        dest, staff, reports, len(schedule.commits), dict(sorted(mix.items())), moment
    )
