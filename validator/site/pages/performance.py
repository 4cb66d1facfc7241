"""`performance.md`: monthly scores, quarterly averages and ranking (JP 四(一)1)."""

from __future__ import annotations

from validator.site.pages.common import NO_DATA, PRIVATE, Pages, Site, header, table

MONTHS_SHOWN = 12
QUARTERS_SHOWN = 4


def render(site: Site) -> Pages:
    lines = header(site, "绩效")
    threshold = site.org.policy.performance.threshold
    lines += [
        "依据[办法 四(一)1](../regulations/customer-service.md#part-4-1-1):每个季度根据外派绩效"
        f"考核平均分进行一次季度排名;月度考核低于 {threshold} 分者相应调整岗位。",
        "",
    ]
    months = sorted(site.org.scores)[-MONTHS_SHOWN:]
    if not site.internal:
        lines += [PRIVATE, ""]
        if months:
            rows = [[m, str(len(site.org.scores[m].scores))] for m in months]
            lines += table(["月份", "已评分人数"], rows, numeric=[1])
        return {"performance.md": "\n".join(lines)}
    if not months:
        return {"performance.md": "\n".join([*lines, NO_DATA, ""])}
    people = sorted({sid for m in months for sid in site.org.scores[m].scores})
    lines += ["## 月度分数", ""]
    rows = []
    for sid in people:
        row = [site.staff_link(sid)]
        for month in months:
            score = site.org.scores[month].scores.get(sid)
            mark = "(低)" if score is not None and score < threshold else ""
            row.append("—" if score is None else f"{score:g}{mark}")
        rows.append(row)
    lines += table(["人员", *months], rows, numeric=range(1, len(months) + 1))
    for quarter, ranking in quarterly_ranking(site)[-QUARTERS_SHOWN:][::-1]:
        lines += [f"## {quarter} 季度排名", ""]
        lines += table(
            ["名次", "人员", "平均分", "评分月数"],
            [
                [str(rank), site.staff_link(sid), f"{avg:.1f}", str(n)]
                for rank, sid, avg, n in ranking
            ],
            numeric=[0, 2, 3],
        )
    return {"performance.md": "\n".join(lines)}


def quarter_of(month: str) -> str:
    year, number = month.split("-")
    return f"{year}-Q{(int(number) - 1) // 3 + 1}"


def quarterly_ranking(site: Site) -> list[tuple[str, list[tuple[int, str, float, int]]]]:
    """Per quarter: (rank, staff id, average, months scored), best first; ties share a rank."""
    by_quarter: dict[str, dict[str, list[float]]] = {}
    for month, scores in sorted(site.org.scores.items()):
        for sid, value in scores.scores.items():
            by_quarter.setdefault(quarter_of(month), {}).setdefault(sid, []).append(value)
    result = []
    for quarter in sorted(by_quarter):
        averages = sorted(
            ((sum(v) / len(v), sid, len(v)) for sid, v in by_quarter[quarter].items()),
            key=lambda item: (-item[0], item[1]),
        )
        ranking: list[tuple[int, str, float, int]] = []
        for index, (avg, sid, count) in enumerate(averages):
            rank = ranking[-1][0] if ranking and ranking[-1][2] == avg else index + 1
            ranking.append((rank, sid, avg, count))
        result.append((quarter, ranking))
    return result
