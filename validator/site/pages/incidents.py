"""`incidents.md`: complaints that reached a regulator, the consumer association or the media
(JP 三(六)), with whether each was reported within the deadline."""

from __future__ import annotations

from collections import Counter

from validator.features.deadlines_text import deadline_text
from validator.handbook.citations import basis
from validator.kinds.incidents import IncidentReport
from validator.models.handbook import handbook_of
from validator.site.pages.common import NO_DATA, Pages, Site, header, in_zone, report_page, table
from validator.site.pages.tables import Cell, data_table, link, person

CHANNEL_ZH = {
    "regulator": "主管部门",
    "consumer_association": "消费者协会",
    "media": "媒体",
    "other": "其他",
}
STATUS_ZH = {"open": "处理中", "resolved": "已解决"}


def render(site: Site) -> Pages:
    lines = header(site, "突发事件")
    book = handbook_of(site.org.handbook)
    window = deadline_text("incidents", site.org.policy, book)  # a window the regulation lacks
    lines += [
        f"{basis(book, 'incidents', 'status/incidents.md')}突发事件须及时汇报,"
        f"本系统按{window.plain}计算是否按时。",
        "",
    ]
    reports = site.reports("incidents")
    if not reports:
        return {"incidents.md": "\n".join([*lines, NO_DATA, ""])}
    incidents = [(rf, _incident(rf)) for rf in reports]
    status = Counter(str(i.status) for _, i in incidents)
    channel = Counter(str(i.channel) for _, i in incidents)
    on_time = sum(site.on_time(rf) for rf, _ in incidents)
    lines += ["## 汇总", ""]
    rows = [["合计", str(len(incidents))], ["按时报告", str(on_time)]]
    rows += [[STATUS_ZH[k], str(status[k])] for k in STATUS_ZH]
    rows += [[f"渠道:{CHANNEL_ZH[k]}", str(channel[k])] for k in CHANNEL_ZH]
    lines += table(["项目", "数量"], rows, numeric=[1])
    if site.internal:
        lines += ["## 明细", ""]
        detail: list[list[Cell]] = [
            [
                in_zone(i.occurred_local(site.org.policy.tz), site),
                link(i.title, report_page(rf)),
                CHANNEL_ZH[i.channel],
                STATUS_ZH[i.status],
                person(site, rf.staff_id),
                "准时" if site.on_time(rf) else "迟报",
            ]
            for rf, i in sorted(incidents, key=lambda p: p[1].occurred_local(site.org.policy.tz))[
                ::-1
            ]
        ]
        head = ["发生时间", "标题", "渠道", "状态", "报告人", "时效"]
        body, data = data_table("incidents", head, detail, hint="标题、姓名、渠道、状态")
        return {"incidents.md": "\n".join([*lines, *body]), **data}
    return {"incidents.md": "\n".join(lines)}


def _incident(rf: object) -> IncidentReport:
    report = getattr(rf, "report", None)
    assert isinstance(report, IncidentReport)
    return report
