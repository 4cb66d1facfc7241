"""`monthly.md`: the operator's faulty-unit stock per region (JP 三(五)3), spare units on loan
(JP 三(七)1) and replacements (JP 三(七)2), from the monthly reports, with build-time charts."""

from __future__ import annotations

from validator.kinds.monthly import MonthlyReport
from validator.kinds.periods import month_text, next_month
from validator.repo.layout import ReportFile
from validator.site.charts import bar_chart, line_chart
from validator.site.pages.common import MIN_GROUP, NO_DATA, Pages, Site, header, report_page, table
from validator.site.pages.tables import Cell, data_table, link, person

MONTHS_SHOWN = 12
CHART_LINES = 8  # regions drawn in the stock chart; the rest are summed up as OTHER
OTHER = "其他"


def render(site: Site) -> Pages:
    lines = header(site, "月报数据")
    reports = site.reports("monthly")
    if not reports:
        return {"monthly.md": "\n".join([*lines, NO_DATA, ""])}
    months = sorted({rf.period.text for rf in reports})[-MONTHS_SHOWN:]
    shown = [rf for rf in reports if rf.period.text in months]
    stock = _per_region(shown, "faulty_stock", "units")
    swaps = _per_region(shown, "replacements", "count")
    regions = sorted(set(stock) | set(swaps), key=lambda r: (site.region_name(r), r))
    names = {r: _raw_name(site, r) for r in regions}  # JSON cells and chart labels: raw text
    pages: Pages = {}

    lines += ["## 局方故障机库存(台)", ""]
    stock_rows: list[list[Cell]] = [
        [names[r], *(str(stock.get(r, {}).get(m, "—")) for m in months)]
        for r in regions
        if r in stock
    ]
    numeric = range(1, len(months) + 1)
    shown_table, data = data_table(
        "monthly-stock", ["区域", *months], stock_rows, numeric=numeric, hint="区域"
    )
    lines += [f"{len(stock_rows)} 个区域每月末的局方故障机库存:", "", *shown_table]
    pages.update(data)
    pages["charts/faulty-stock.svg"] = line_chart(
        "faulty-stock", "局方故障机库存(台)", months, _chart_lines(stock, names, months)
    )
    lines += ["![局方故障机库存折线图](charts/faulty-stock.svg)", ""]

    lines += ["## 备用机", ""]
    # on loan: not returned by the end of the month; overdue as of then (or today, if earlier)
    loans = [
        sum(len(_monthly(rf).out_on_loan()) for rf in shown if rf.period.text == m) for m in months
    ]
    overdue = [
        sum(
            1
            for rf in shown
            if rf.period.text == m
            for unit in _monthly(rf).spare_units
            if unit.overdue(min(rf.period.end, site.today))
        )
        for m in months
    ]
    lines += table(
        ["月份", "在借备用机", "月底已逾期"],
        [[m, str(a), str(b)] for m, a, b in zip(months, loans, overdue, strict=True)],
        numeric=[1, 2],
    )
    pages["charts/spare-units.svg"] = bar_chart(
        "spare-units", "备用机(台)", months, {"在借": loans, "月底已逾期": overdue}
    )
    lines += ["![备用机柱状图](charts/spare-units.svg)", ""]
    by_area = _spare_by_area(site, shown)
    if by_area:
        lines += ["各负责区域在借备用机(台,按月报所列区域归属):", ""]
        rows: list[list[Cell]] = [
            [area, *(str(per.get(m, "—")) for m in months)] for area, per in by_area.items()
        ]
        shown_table, data = data_table(
            "monthly-spare-areas", ["负责区域", *months], rows, numeric=numeric, hint="区域"
        )
        lines += shown_table
        pages.update(data)

    lines += ["## 换新量(台)", ""]
    if swaps:
        rows = [
            [names[r], *(str(swaps.get(r, {}).get(m, "—")) for m in months)]
            for r in regions
            if r in swaps
        ]
        shown_table, data = data_table(
            "monthly-replacements", ["区域", *months], rows, numeric=numeric, hint="区域"
        )
        lines += shown_table
        pages.update(data)
    else:
        lines += ["无换新记录。", ""]

    lines += _dropped_units(site, reports, pages)
    if site.internal:
        lines += _spare_unit_list(site, reports, pages)
    pages["monthly.md"] = "\n".join(lines)
    return pages


def _raw_name(site: Site, region: str) -> str:
    found = site.org.region_by_id.get(region)
    return found.name if found else region


def _monthly(rf: ReportFile) -> MonthlyReport:
    assert isinstance(rf.report, MonthlyReport)
    return rf.report


def _per_region(reports: list[ReportFile], field: str, count: str) -> dict[str, dict[str, int]]:
    """Region -> month -> sum of `count` over the items in `field` of every report."""
    found: dict[str, dict[str, int]] = {}
    for rf in reports:
        for item in getattr(_monthly(rf), field):
            months = found.setdefault(item.region, {})
            months[rf.period.text] = months.get(rf.period.text, 0) + getattr(item, count)
    return found


def _spare_by_area(site: Site, reports: list[ReportFile]) -> dict[str, dict[str, int]]:
    """Spare units on loan per month, by the regions each monthly report covers (a spare unit
    names no region; its keeper's report does, through its faulty-unit stock).

    A set of regions is nearly always one person's, so the public pages show a group only in a
    month it has at least MIN_GROUP people; smaller groups are summed up as OTHER."""
    found: dict[str, dict[str, int]] = {}
    people: dict[tuple[str, str], set[str]] = {}
    for rf in reports:
        report = _monthly(rf)
        out = report.out_on_loan()  # 在借 at the month's end: a returned unit is not counted
        if not out:
            continue
        covered = sorted({item.region for item in report.faulty_stock})
        area = "、".join(_raw_name(site, r) for r in covered)  # JSON text, not Markdown
        months = found.setdefault(area, {})
        months[rf.period.text] = months.get(rf.period.text, 0) + len(out)
        people.setdefault((area, rf.period.text), set()).add(rf.staff_id)
    if site.internal:
        return dict(sorted(found.items()))
    shown: dict[str, dict[str, int]] = {}
    for area, months in sorted(found.items()):
        for month, count in months.items():
            group = area if len(people[(area, month)]) >= MIN_GROUP else OTHER
            per = shown.setdefault(group, {})
            per[month] = per.get(month, 0) + count
    return dict(sorted(shown.items(), key=lambda item: (item[0] == OTHER, item[0])))


def _chart_lines(
    stock: dict[str, dict[str, int]], names: dict[str, str], months: list[str]
) -> dict[str, list[int | None]]:
    """The chart's lines: the CHART_LINES regions with the most stock in the newest month, and
    the rest summed up as OTHER, so that the chart stays readable and small at any size."""
    newest = months[-1]
    ranked = sorted(stock, key=lambda r: (-stock[r].get(newest, 0), names[r], r))
    top, rest = ranked[:CHART_LINES], ranked[CHART_LINES:]
    lines: dict[str, list[int | None]] = {names[r]: [stock[r].get(m) for m in months] for r in top}
    if rest:
        label = f"{OTHER}({len(rest)} 个区域)"
        lines[label] = [sum(stock[r].get(m, 0) for r in rest) for m in months]
    return lines


def _spare_unit_list(site: Site, reports: list[ReportFile], pages: Pages) -> list[str]:
    """Spare units on loan as of each person's latest monthly report."""
    latest: dict[str, ReportFile] = {}
    for rf in reports:
        latest[rf.staff_id] = rf  # reports are sorted by period
    rows: list[list[Cell]] = []
    for sid, rf in sorted(latest.items()):
        for unit in _monthly(rf).out_on_loan():
            rows.append(
                [
                    person(site, sid),
                    link(rf.period.text, report_page(rf)),
                    unit.serial,
                    unit.model or "—",
                    unit.holder,
                    str(unit.loaned),
                    str(unit.due),
                    "已逾期" if unit.overdue(site.today) else "未到期",
                ]
            )
    head = ["人员", "月报", "序列号", "型号", "借用人", "借出", "归还期限", "状态"]
    if not rows:
        return ["## 在借备用机明细(按每人最近一期月报)", "", "目前没有在借的备用机。", ""]
    overdue = sum(row[-1] == "已逾期" for row in rows)
    body, data = data_table("monthly-spare-units", head, rows, hint="姓名、序列号、状态")
    pages.update(data)
    summary = f"在借备用机 {len(rows)} 台,其中已逾期 {overdue} 台。"
    return ["## 在借备用机明细(按每人最近一期月报)", "", summary, "", *body]


def _dropped_units(site: Site, reports: list[ReportFile], pages: Pages) -> list[str]:
    """Units out at the end of one month that the same person's next monthly report neither
    lists nor returns: a gap in the record (a unit lent is listed every month until
    `returned`, JP 三(七)1). Public builds show how many, internal ones which."""
    by_month = {(rf.staff_id, rf.period.text): rf for rf in reports}
    rows: list[list[Cell]] = []
    for (sid, _month), rf in sorted(by_month.items()):
        following = by_month.get((sid, month_text(next_month(rf.period.start))))
        if following is None:
            continue
        listed = {unit.serial for unit in _monthly(following).spare_units}
        for unit in _monthly(rf).out_on_loan():
            if unit.serial not in listed:
                rows.append(
                    [
                        person(site, sid),
                        unit.serial,
                        link(rf.period.text, report_page(rf)),
                        link(following.period.text, report_page(following)),
                    ]
                )
    if not rows:
        return []
    lines = ["## 备用机记录不连续", ""]
    lines.append(
        f"{len(rows)} 台备用机在上月月报中未归还,下月月报却既未列出也未填写归还日期(returned);"
        "请核实后在下一期月报中补列或注明归还。"
    )
    lines.append("")
    if site.internal:
        head = ["人员", "序列号", "列出的月报", "缺少的月报"]
        body, data = data_table("monthly-dropped-units", head, rows, hint="姓名、序列号")
        lines += body
        pages.update(data)
    return lines
