"""`performance.md`: monthly scores, quarterly averages and ranking (JP 四(一)1)."""

from __future__ import annotations

from validator.features import ranking
from validator.features.rotation import REGULATION
from validator.handbook.citations import basis, cite, own_setting
from validator.models.handbook import handbook_of
from validator.site.pages.common import NO_DATA, PRIVATE, Pages, Site, header, table
from validator.site.pages.tables import Cell, data_table, person

MONTHS_SHOWN = 12
QUARTERS_SHOWN = 4
PAGE = "status/performance.md"


def render(site: Site) -> Pages:
    lines = header(site, "绩效")
    threshold = site.org.policy.performance.threshold
    book = handbook_of(site.org.handbook)
    low = cite(book, "low-score", PAGE)  # 四(一)2, not the ranking's 四(一)1
    lines += [
        f"{basis(book, 'ranking', PAGE)}每个季度根据外派绩效考核平均分进行一次季度排名;"
        f"月度考核低于 {threshold} 分{own_setting(threshold, REGULATION.performance.threshold)}"
        f"者相应调整岗位{f'({low})' if low else ''}。"
        "尚未结束的季度排名为**暂定**,以季度结束后的评分为准。渠道助理不参加排名。",
        "",
    ]
    months = sorted(site.org.scores)[-MONTHS_SHOWN:]
    if not site.internal:
        lines += [PRIVATE, ""]
        if months:
            counts = [[m, str(len(site.org.scores[m].scores))] for m in months]
            lines += table(["月份", "已评分人数"], counts, numeric=[1])
        return {"performance.md": "\n".join(lines)}
    if not months:
        return {"performance.md": "\n".join([*lines, NO_DATA, ""])}
    people = sorted({sid for m in months for sid in site.org.scores[m].scores})
    lines += ["## 月度分数", ""]
    rows: list[list[Cell]] = []
    for sid in people:
        row: list[Cell] = [person(site, sid)]
        for month in months:
            score = site.org.scores[month].scores.get(sid)
            mark = "(低)" if score is not None and score < threshold else ""
            row.append("—" if score is None else f"{score:g}{mark}")
        rows.append(row)
    lines += [f"{len(people)} 人的月度分数;「(低)」为低于 {threshold} 分。", ""]
    body, pages = data_table(
        "performance-scores", ["人员", *months], rows,
        numeric=range(1, len(months) + 1), hint="姓名、分数",
    )  # fmt: skip
    lines += body
    for quarter in ranking.quarterly_ranking(site.org, site.today)[-QUARTERS_SHOWN:][::-1]:
        mark = "(暂定:本季度尚未结束)" if quarter.provisional else ""
        lines += [f"## {quarter.quarter} 季度排名{mark}", ""]
        lines += [f"{len(quarter.rows)} 人参加排名。", ""]
        body, data = data_table(
            f"performance-{quarter.quarter}",
            ["名次", "人员", "平均分", "评分月数"],
            [
                [str(rank), person(site, sid), f"{avg:.1f}", str(n)]
                for rank, sid, avg, n in quarter.rows
            ],
            numeric=[0, 2, 3],
            hint="姓名、名次",
        )
        lines += body
        pages.update(data)
    return {"performance.md": "\n".join(lines), **pages}


def quarterly_ranking(site: Site) -> list[tuple[str, list[tuple[int, str, float, int]]]]:
    """Per quarter: (rank, staff id, average, months scored); see `features.ranking`."""
    return [(q.quarter, q.rows) for q in ranking.quarterly_ranking(site.org, site.today)]
