"""The demo organization's people and places, laid out relative to "today".

The first eight staff and ten regions are hand-designed so that the default demo shows every case
the status pages have to handle (see `validator.demo`); larger demos add generated staff, each
posted alone to a generated class 2 or 3 region, so that scaling up adds volume, not new warnings.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cached_property

SURNAMES = (
    ("li", "李"), ("wang", "王"), ("zhang", "张"), ("liu", "刘"), ("chen", "陈"), ("yang", "杨"),
    ("zhao", "赵"), ("huang", "黄"), ("zhou", "周"), ("wu", "吴"), ("xu", "徐"), ("sun", "孙"),
    ("hu", "胡"), ("zhu", "朱"), ("gao", "高"), ("lin", "林"), ("he", "何"), ("guo", "郭"),
    ("ma", "马"), ("luo", "罗"), ("liang", "梁"), ("song", "宋"), ("zheng", "郑"), ("xie", "谢"),
    ("han", "韩"), ("tang", "唐"), ("feng", "冯"), ("deng", "邓"), ("cao", "曹"), ("peng", "彭"),
)  # fmt: skip
GIVEN = (
    ("ming", "明"), ("fang", "芳"), ("wei", "伟"), ("jing", "静"), ("yang", "洋"), ("lei", "磊"),
    ("min", "敏"), ("tao", "涛"), ("li", "丽"), ("qiang", "强"), ("jun", "军"), ("yan", "燕"),
    ("hui", "慧"), ("bo", "波"), ("ping", "平"), ("gang", "刚"), ("hong", "红"), ("jie", "杰"),
    ("xin", "欣"), ("hao", "浩"), ("yu", "宇"), ("lin", "琳"), ("chao", "超"), ("ting", "婷"),
    ("peng", "鹏"), ("na", "娜"), ("kai", "凯"), ("xue", "雪"), ("feng", "峰"), ("dan", "丹"),
    ("wen", "文"), ("long", "龙"), ("qian", "倩"), ("bin", "斌"), ("yun", "云"), ("hua", "华"),
)  # fmt: skip
CITIES = (
    ("shantou", "汕头"), ("zhanjiang", "湛江"), ("maoming", "茂名"), ("meizhou", "梅州"),
    ("shaoguan", "韶关"), ("heyuan", "河源"), ("yangjiang", "阳江"), ("chaozhou", "潮州"),
    ("jieyang", "揭阳"), ("yunfu", "云浮"), ("shanwei", "汕尾"), ("nanning", "南宁"),
    ("guilin", "桂林"), ("liuzhou", "柳州"), ("wuzhou", "梧州"), ("beihai", "北海"),
    ("haikou", "海口"), ("sanya", "三亚"), ("changsha", "长沙"), ("zhuzhou", "株洲"),
    ("hengyang", "衡阳"), ("chenzhou", "郴州"), ("ganzhou", "赣州"), ("xiamen", "厦门"),
    ("quanzhou", "泉州"), ("zhangzhou", "漳州"), ("fuzhou", "福州"), ("longyan", "龙岩"),
)  # fmt: skip
# districts of the generated regions once every city has one region
DISTRICTS = (
    ("dong", "东区"), ("xi", "西区"), ("nan", "南区"), ("bei", "北区"), ("xin", "新区"),
    ("gang", "港区"), ("gaoxin", "高新区"), ("kaifa", "开发区"), ("laocheng", "老城区"),
    ("dongbu", "东部片区"), ("xibu", "西部片区"), ("nanbu", "南部片区"), ("beibu", "北部片区"),
    ("zhongxin", "中心片区"),
)  # fmt: skip
SPOTS = {
    "guangzhou": ("天河", "越秀", "海珠", "番禺", "白云"),
    "shenzhen": ("福田", "南山", "宝安", "龙岗"),
    "dongguan": ("南城", "东城", "虎门", "长安"),
    "foshan": ("禅城", "南海", "顺德"),
    "zhongshan": ("石岐", "小榄"),
    "zhuhai": ("香洲", "斗门"),
    "jiangmen": ("蓬江", "新会", "台山"),
    "huizhou": ("惠城", "惠阳"),
    "zhaoqing": ("端州", "四会"),
    "qingyuan": ("清城", "英德"),
}
# id, name, category, GitHub login of the designed staff (postings in `build_roster`)
_DESIGNED = (
    ("li-ming", "李明", "account_manager", "liming-gz"),
    ("chen-jing", "陈静", "channel_assistant", "chenjing-gz"),
    ("wang-fang", "王芳", "technician", "wangfang-sz"),
    ("zhang-wei", "张伟", "parts_admin", "zhangwei-dg"),
    ("liu-yang", "刘洋", "technician", "liuyang-fs"),
    ("zhao-lei", "赵磊", "account_manager", "zhaolei-zs"),
    ("huang-min", "黄敏", "parts_admin", "huangmin-hz"),
    ("zhou-tao", "周涛", "technician", "zhoutao-zq"),
)
DESIGNED_IDS = frozenset(row[0] for row in _DESIGNED)
# the reviewers: the channel manager first (the demo's `Roster.reviewer`), then two engineers
_REVIEWERS = (
    ("sun-li", "孙丽", "account_manager", "sunli-hq"),
    ("qian-hao", "钱浩", "account_manager", "qianhao-hq"),
    ("he-jing", "何静", "account_manager", "hejing-hq"),
)
_EAST = frozenset({"li-ming", "chen-jing", "wang-fang", "zhang-wei", "huang-min"})
LOW_SCORE = "zhang-wei"  # the designed member scoring below 60 in the latest month
# id, name, annual sales, high-failure models, one-stop, neighbours
_REGIONS = (
    ("guangzhou", "广州", 235000, False, False, ("foshan", "dongguan", "qingyuan")),
    ("shenzhen", "深圳", 310000, False, False, ("dongguan", "huizhou")),
    ("dongguan", "东莞", 168000, False, False, ("guangzhou", "shenzhen", "huizhou")),
    ("foshan", "佛山", 142000, False, False, ("guangzhou", "zhaoqing", "jiangmen")),
    ("huizhou", "惠州", 118000, False, True, ("shenzhen", "dongguan")),
    ("zhongshan", "中山", 86000, False, False, ("zhuhai", "jiangmen")),
    ("zhuhai", "珠海", 64000, False, False, ("zhongshan",)),
    ("jiangmen", "江门", 72000, False, False, ("zhongshan", "foshan")),
    ("zhaoqing", "肇庆", 47000, False, False, ("foshan", "qingyuan")),
    ("qingyuan", "清远", 39000, False, False, ("zhaoqing", "guangzhou")),
)


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    annual_sales: int
    high_failure_models: bool = False
    one_stop: bool = False
    adjacent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Posting:
    regions: tuple[str, ...]
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and (self.end is None or self.end >= start)


@dataclass
class Member:
    id: str
    name: str
    category: str
    github: str
    role: str = "staff"
    postings: list[Posting] = field(default_factory=list)
    channel_engineer: str | None = None  # routing (JP 三(一)3), set by `build_roster`
    channel_manager: str | None = None

    @property
    def email(self) -> str:
        return f"{self.id.replace('-', '.')}@example.com"

    def posted_between(self, start: dt.date, end: dt.date) -> bool:
        return any(p.overlaps(start, end) for p in self.postings)

    def posting_on(self, day: dt.date) -> Posting | None:
        return next((p for p in self.postings if p.covers(day)), None)


@dataclass(frozen=True)
class LeaveEntry:
    staff: str
    start: dt.date
    end: dt.date
    reason: str


@dataclass
class Roster:
    staff: list[Member]
    regions: list[Region]
    leave: list[LeaveEntry]

    @property
    def reviewer(self) -> Member:
        return next(m for m in self.staff if m.role == "reviewer")

    @property
    def reporters(self) -> list[Member]:
        """Who files reports and is scored: staff, except channel assistants (not 外派,
        JP 四(一)3), who owe none under the default policy."""
        return [m for m in self.staff if m.role == "staff" and m.category != "channel_assistant"]

    def on_leave(self, staff_id: str, day: dt.date) -> bool:
        return any(e.start <= day <= e.end for e in self._leave_by_staff.get(staff_id, ()))

    @cached_property
    def _leave_by_staff(self) -> dict[str, list[LeaveEntry]]:
        index: dict[str, list[LeaveEntry]] = {}
        for entry in self.leave:
            index.setdefault(entry.staff, []).append(entry)
        return index


def months_before(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def build_roster(count: int, first_monday: dt.date, today: dt.date, rng: random.Random) -> Roster:
    """`count` reporting staff (at least the eight designed ones) plus one reviewer.

    `first_monday` is the first week of the window; dates are chosen so that tenure, leave and the
    mid-window posting fall where the default demo's docstring says they do."""
    mid = min(
        first_monday + dt.timedelta(weeks=5, days=2), today - dt.timedelta(days=today.weekday())
    )
    mid = max(mid, first_monday)

    def m(n: int) -> dt.date:
        return months_before(today, n)

    p = Posting
    postings = {
        "li-ming": [p(("guangzhou",), m(26))],
        "chen-jing": [p(("guangzhou",), m(15))],
        "wang-fang": [p(("shenzhen",), m(8))],
        "zhang-wei": [p(("foshan",), m(31), m(14) - dt.timedelta(days=1)), p(("dongguan",), m(14))],
        "liu-yang": [p(("foshan",), m(4))],
        "zhao-lei": [p(("zhongshan", "zhuhai", "jiangmen"), m(20))],
        # an earlier posting ended without a handover (the deliberate `handover-missing`)
        "huang-min": [
            p(("qingyuan",), m(16), m(10) - dt.timedelta(days=1)),
            p(("huizhou",), m(10)),
        ],
        "zhou-tao": [p(("zhaoqing", "qingyuan"), mid)],
    }
    designed = [Member(*row, postings=postings[row[0]]) for row in _DESIGNED]
    regions = [Region(r[0], r[1], r[2], r[3], r[4], r[5]) for r in _REGIONS]
    weeks = max(1, (today - first_monday).days // 7 + 1)

    def week(i: int) -> dt.date:  # Monday of window week i (clamped into the window)
        return first_monday + dt.timedelta(weeks=max(0, min(i, weeks - 2)))

    day = dt.timedelta(days=1)
    leave = [
        LeaveEntry("li-ming", week(2), week(2) + 6 * day, "年假"),
        LeaveEntry("wang-fang", week(weeks - 5) - 2 * day, week(weeks - 5) + 4 * day, "探亲假"),
        LeaveEntry("huang-min", week(weeks - 4) + day, week(weeks - 4) + 2 * day, "病假"),
    ]
    used = {m.id for m in designed} | {r[0] for r in _REVIEWERS}
    staff = designed + _generated(
        count - len(designed), used, regions, first_monday, today, rng, leave
    )
    reviewers = [Member(*row, role="reviewer") for row in _REVIEWERS]
    route(staff)
    return Roster([*staff, *reviewers], regions, leave)


def route(staff: list[Member]) -> None:
    """Reports go to a channel engineer and are copied to the channel manager (JP 三(一)3):
    the east of the province to 钱浩, the west to 何静 (generated staff alternate), all copied to
    孙丽."""
    for i, member in enumerate(staff):
        east = member.id in _EAST if member.id in DESIGNED_IDS else i % 2 == 0
        member.channel_engineer = "qian-hao" if east else "he-jing"
        member.channel_manager = "sun-li"


def _generated(
    count: int,
    used: set[str],
    regions: list[Region],
    first_monday: dt.date,
    today: dt.date,
    rng: random.Random,
    leave: list[LeaveEntry],
) -> list[Member]:
    """Extra staff for scaled-up demos, one per new class 2/3 region, a few starting mid-window
    and a few taking a week of leave."""
    names = [(f"{sp}-{gp}", sz + gz) for sp, sz in SURNAMES for gp, gz in GIVEN]
    rng.shuffle(names)
    members: list[Member] = []
    categories = ("technician", "account_manager", "parts_admin")
    weeks = max(1, (today - first_monday).days // 7)
    for i in range(max(0, count)):
        staff_id, name = names[i % len(names)]
        if i >= len(names) or staff_id in used:
            staff_id = f"{staff_id}-{i}"
        used.add(staff_id)
        city_id, city = CITIES[i % len(CITIES)]
        round_ = i // len(CITIES)
        if round_ == 0:
            region_id, region_name = city_id, city
        elif round_ <= len(DISTRICTS):
            suffix_id, suffix = DISTRICTS[round_ - 1]
            region_id, region_name = f"{city_id}-{suffix_id}", f"{city}{suffix}"
        else:
            region_id, region_name = f"{city_id}-{round_}", f"{city}第{round_}片区"
        prev = regions[-1].id if i else None
        regions.append(
            Region(
                region_id,
                region_name,
                rng.randrange(30_000, 190_000, 1000),
                adjacent=(prev,) if prev else (),
            )
        )
        if rng.random() < 0.05 and weeks > 2:
            start = first_monday + dt.timedelta(
                weeks=rng.randrange(1, weeks), days=rng.randrange(5)
            )
        else:
            start = months_before(today, rng.randrange(1, 40))
        github = f"{staff_id.replace('-', '')}-{city_id[:2]}{i}"[:39]
        members.append(
            Member(
                staff_id, name, categories[i % 3], github, postings=[Posting((region_id,), start)]
            )
        )
        if rng.random() < 0.1 and weeks > 1:
            monday = first_monday + dt.timedelta(weeks=rng.randrange(weeks))
            leave.append(
                LeaveEntry(
                    staff_id, monday, monday + dt.timedelta(days=4), rng.choice(("年假", "探亲假"))
                )
            )
    return members
