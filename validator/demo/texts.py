"""Chinese phrase banks for the demo: fragments combined per seed so that no two reports read the
same and every sentence still reads like something a field engineer would write."""

from __future__ import annotations

import random
from collections.abc import Sequence

OPERATORS = ("中国移动", "中国联通", "中国电信")
MODELS = ("X7", "A5 Pro", "Y3", "M20", "S9 Lite", "N6")
_DEFAULT_SPOTS = ("城区", "城东", "城西")

# work item category -> templates; {site} a service station, {city} the region, {op} an operator
WORK: dict[str, tuple[str, ...]] = {
    "station": (
        "走访{site}，检查维修工单填写情况",
        "到{site}抽查返修机处理时效",
        "检查{site}备件库存与台账是否一致",
        "督导{site}落实首问负责制",
        "与{site}站长沟通近期返修率偏高的原因",
        "检查{site}接待区服务规范和价目公示",
    ),
    "training": (
        "培训{site}新入职维修员{n}名",
        "为{site}讲解新机型拆装要点",
        "组织{site}开展服务礼仪培训",
        "在{site}进行软件升级操作培训",
    ),
    "complaint": (
        "协助运营商处理用户投诉",
        "回访上周投诉用户，均表示满意",
        "处理一起用户对维修时长的投诉，已协商解决",
        "跟进{site}转来的重复返修投诉",
    ),
    "parts": (
        "清点{site}备件，补申请主板{n}块",
        "核对局方故障机库存，送修{n}台",
        "办理备用机借还手续{n}台",
        "催还逾期未还的备用机{n}台",
    ),
    "operator": (
        "拜访{op}{city}分公司，沟通终端售后政策",
        "参加{op}{city}分公司周例会，通报维修情况",
        "与{op}营业厅店长沟通故障机收集流程",
    ),
    "sales": (
        "走访{city}{n}家卖场，了解新机型销售情况",
        "收集竞品在{city}的促销信息",
        "协助{op}营业厅开展新品促销",
    ),
    "other": (
        "整理本周工单数据，上报总部",
        "参加总部视频会议，汇报区域服务情况",
        "更新{city}服务网点信息",
    ),
}
# which kinds of work each staff category mostly does
FOCUS: dict[str, tuple[str, ...]] = {
    "account_manager": ("operator", "sales", "station", "complaint", "other"),
    "parts_admin": ("parts", "parts", "station", "other"),
    "technician": ("station", "training", "complaint", "parts"),
    "channel_assistant": ("station", "complaint", "operator", "other"),
}
_SUMMARY_FOCUS = {
    "station": "重点检查维修工单和服务规范",
    "training": "以新机型维修培训为主",
    "complaint": "主要处理用户投诉",
    "parts": "重点做好备件和故障机管理",
    "operator": "加强与运营商的沟通",
    "sales": "关注终端销售情况",
    "other": "完成日常报表和会议",
}
_SUMMARY_TAIL = (
    "各网点运行正常。",
    "{site}返修率偏高，需持续跟进。",
    "备件供应基本满足需求。",
    "用户满意度较上周有所提升。",
    "{op}反馈良好。",
    "部分网点工单填写仍不规范，已要求整改。",
)
PLAN = (
    "跟进{site}备件申请",
    "到{site}开展服务培训",
    "回访本周投诉用户",
    "整理月度故障机库存数据",
    "拜访{op}{city}分公司",
    "检查{site}整改落实情况",
    "催还逾期备用机",
    "统计{city}新机型销量",
)
LATE_REASONS = (
    "周一上午在{site}处理紧急投诉，未能按时提交",
    "出差途中网络不便，延迟提交",
    "周一上午陪同运营商检查网点，会议持续到下午",
    "代码仓库账号异常，周一下午才恢复",
    "周末处理批量返修，周一上午忘记提交，已补交",
)
QUALITY = (
    "{model}批次屏幕排线故障率偏高",
    "{model}部分机器开机重启，已送检",
    "{model}电池鼓包返修{n}台",
)
SUPPORT = (
    "希望总部尽快补发{model}主板备件",
    "申请增派一名维修员支援{site}",
    "需要{model}最新维修手册",
)
SALES = (
    "{city}本周新机型销量约{n}台，较上周{trend}。",
    "{op}{city}分公司本周主推{model}，销量{trend}。",
)
_TRENDS = ("略有增长", "基本持平", "有所下降")
MONTHLY_SUMMARY = (
    "本月{city}售后服务运行平稳，局方故障机库存{n}台，已按时送修。",
    "本月重点清理{city}积压故障机，库存降至{n}台。",
    "本月{city}返修量与上月基本持平，备用机周转正常。",
)
MONTHLY_ISSUES = ("个别网点备用机逾期未还", "{model}备件到货偏慢", "故障机送修周期偏长")
MONTHLY_PLAN = ("下月集中清理逾期备用机", "配合运营商做好节前备件储备", "完成网点季度检查")
HOLDERS = ("用户", "{op}营业厅", "{site}")
EXPENSES: dict[str, tuple[str, ...]] = {
    "transport": ("走访{site}市内交通费", "往返{site}打车费"),
    "lodging": ("{city}出差住宿费", "赴{city}出差酒店住宿"),
    "communication": ("本月手机话费",),
    "office": ("购买工单打印纸和文件夹", "网点检查用标签打印"),
    "travel": ("赴{city}出差往返车票", "赴{city}检查网点高铁票"),
    "reception": ("接待{op}{city}分公司来访人员工作餐",),
    "other": ("快递寄送故障机",),
}
PERSONAL = ("个人餐费（自理）", "个人购物（自理）")
TRAVEL_PURPOSE = ("赴{city}检查授权站", "赴{city}培训维修员", "赴{city}处理重大投诉")
RECEPTION_PURPOSE = ("接待{op}{city}分公司售后部门",)
INCIDENT_CHANNELS = {
    "media": ("{city}用户向本地媒体投诉维修超期", "当地电视台报道了该用户的投诉"),
    "consumer_association": ("{city}用户向消费者协会投诉换机纠纷", "消协来电要求三日内答复"),
    "regulator": ("{city}用户向通信管理局申诉", "通信管理局转来申诉工单"),
}


def fill(
    rng: random.Random, template: str, city: str, spots: Sequence[str], at: str | None = None
) -> str:
    """Fill a template's placeholders from the region and the random stream (`at`: the site);
    only the placeholders the template uses draw from the stream."""
    values: dict[str, object] = {"city": city}
    if "{site}" in template:
        values["site"] = at or site(rng, city, spots)
    if "{op}" in template:
        values["op"] = rng.choice(OPERATORS)
    if "{model}" in template:
        values["model"] = rng.choice(MODELS)
    if "{n}" in template:
        values["n"] = rng.randint(2, 6)
    if "{trend}" in template:
        values["trend"] = rng.choice(_TRENDS)
    return template.format_map(values)


def site(rng: random.Random, city: str, spots: Sequence[str]) -> str:
    spot = rng.choice(tuple(spots) or _DEFAULT_SPOTS)
    return f"{spot}{rng.choice(('授权站', '授权站', '服务中心', '维修点'))}"


def work_item(
    rng: random.Random, category: str, city: str, spots: Sequence[str]
) -> tuple[str, str | None]:
    """A work description and the site it names (None when it names none)."""
    template = rng.choice(WORK[category])
    at = site(rng, city, spots) if "{site}" in template else None
    return fill(rng, template, city, spots, at), at


def summary(
    rng: random.Random, cities: Sequence[str], focus: str, complaints: int, spots: Sequence[str]
) -> str:
    """One or two sentences: where the week went, what it was about, one observation."""
    places = "、".join(dict.fromkeys(cities))
    head = f"本周在{places}开展工作，{_SUMMARY_FOCUS[focus]}"
    middle = f"，处理投诉{complaints}起" if complaints else ""
    tail = fill(rng, rng.choice(_SUMMARY_TAIL), cities[0], spots)
    return f"{head}{middle}。{tail}"


def pick(
    rng: random.Random, bank: Sequence[str], city: str, spots: Sequence[str], k: int
) -> list[str]:
    """`k` distinct filled phrases from `bank`."""
    return [fill(rng, t, city, spots) for t in rng.sample(list(bank), min(k, len(bank)))]
