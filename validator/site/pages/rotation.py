"""`rotation.md`: who the next adjustment round concerns and why (computed in
`validator.features.rotation`; this module only renders it)."""

from __future__ import annotations

from validator.features.rotation import (
    FLAG_ZH,
    FLAGS,
    REGULATION,
    Assessment,
    archived_incidents,
    assess_rotation,
    incidents_of,
    next_round,
)
from validator.handbook.citations import ORG_SETTING, basis, own_setting
from validator.models.handbook import handbook_of
from validator.site.pages.common import NO_DATA, Pages, Site, header, table
from validator.site.pages.tables import Cell, data_table, person

__all__ = ["next_round", "render"]
PAGE = "status/rotation.md"


def render(site: Site) -> Pages:
    policy = site.org.policy
    rotation, threshold = policy.rotation, policy.performance.threshold
    handbook = handbook_of(site.org.handbook)
    incidents = incidents_of(site.workspace.reports) + archived_incidents(site.workspace.root)
    board = assess_rotation(site.org, incidents, site.today)
    lines = header(site, "岗位轮换")
    lines += [
        f"{basis(handbook, 'rotation', PAGE)}任职未满 {rotation.protected_months} 个月"
        f"{own_setting(rotation.protected_months, REGULATION.rotation.protected_months)}"
        "且无重大失误不调整(保护期);"
        f"同一地区任期满 {rotation.due_months} 个月"
        f"{own_setting(rotation.due_months, REGULATION.rotation.due_months)}原则上轮换;"
        f"月度考核低于 {threshold} 分"
        f"{own_setting(threshold, REGULATION.performance.threshold)}相应调整。"
        "每人列出所有适用的情况,而不是只给一个结论。",
        "",
        "任期按地区计算:从连续派驻该地区的最早一段派驻起算(增加相邻地区不重新计算),"
        "并按**下一轮调整日**计算,而不是今天。保护期不适用于派驻期间有月度考核低于线、"
        "或有经管理部门(regulator)或媒体(media)曝光的突发事件报告的人员(本产品对「重大失误」"
        "的认定)。渠道助理不是外派人员,不参加轮换。",
        "",
    ]
    if board.round:
        lines.append(
            f"下一轮全国区域调整:**{board.round:%Y-%m-%d}**(每年 {'、'.join(rotation.rounds)},"
            f"{ORG_SETTING})。"
        )
    else:
        lines.append(f"未设置调整日期({ORG_SETTING}:policy.yaml rotation.rounds),任期按今天计算。")
    lines.append("")
    if not board.assessments:
        return {"rotation.md": "\n".join([*lines, NO_DATA, ""])}
    counts = [[FLAG_ZH[flag], str(board.count(flag))] for flag in FLAGS]
    counts.append(["未派驻", str(board.not_posted)])
    lines += ["## 汇总", "", "一人可同时属于多类。", ""]
    lines += table(["类别", "人数"], counts, numeric=[1])
    if not site.internal:
        return {"rotation.md": "\n".join([*lines, "公开版本只显示人数。", ""])}
    lines += ["## 每人任期", ""]
    rows = [_row(site, a) for a in sorted(board.assessments, key=lambda a: (-a.months, a.staff.id))]
    head = ["人员", "地区(起始)", "调整日任期", "最近考核", "情况"]
    body, data = data_table("rotation", head, rows, numeric=[2], hint="姓名、地区、情况")
    return {"rotation.md": "\n".join([*lines, *body]), **data}


def _row(site: Site, a: Assessment) -> list[Cell]:
    regions = "、".join(f"{_region(site, t.region)}({t.since})" for t in a.regions)
    flags = [FLAG_ZH[f] for f in a.flags]
    if a.low_months and "low_score" not in a.flags:
        flags.append("派驻期间曾低于线(" + "、".join(a.low_months) + ")")
    return [
        person(site, a.staff.id),
        regions or "未派驻",
        f"{a.months} 个月" if a.posted else "—",
        f"{a.score[1]:g}({a.score[0]})" if a.score else "—",
        "、".join(flags) or "正常",
    ]


def _region(site: Site, region: str) -> str:
    """A region's name as JSON text (not Markdown)."""
    found = site.org.region_by_id.get(region)
    return found.name if found else region
