"""`expenses.md`: claimed totals per person and month; personal items are excluded (SEC 八)."""

from __future__ import annotations

import decimal

from validator.features.deadlines_text import paper_vouchers_citation
from validator.handbook.citations import cite
from validator.kinds.expenses import ExpenseReport
from validator.models.handbook import handbook_of
from validator.site.pages.common import NO_DATA, PRIVATE, Pages, Site, header, report_page, table
from validator.site.pages.escape import text
from validator.site.pages.tables import Cell, data_table, link, person

MONTHS_SHOWN = 12


def _paper_vouchers(site: Site) -> str:
    """The policy's words on paper vouchers, with the article they restate while they are the
    product's default (办法 三(一)4), else labelled the organisation's own."""
    policy = site.org.policy
    key = paper_vouchers_citation(policy)
    found = cite(handbook_of(site.org.handbook), key, "status/expenses.md") if key else None
    basis = found or "本组织规定,org/policy.yaml `reports.expenses.paper_vouchers`"
    return f"纸质凭证({basis}):{text(policy.reports.expenses.paper_vouchers)}"


def render(site: Site) -> Pages:
    lines = header(site, "报销")
    lines += [
        "合计只含公务费用;标为个人(`personal: true`)的项目由本人承担,不计入合计。"
        "本月没有费用的人提交 `no_claims: true`,表中显示为“无报销”。",
        "",
        _paper_vouchers(site),
        "",
    ]
    if not site.internal:
        return {"expenses.md": "\n".join([*lines, PRIVATE, ""])}
    reports = site.reports("expenses")
    if not reports:
        return {"expenses.md": "\n".join([*lines, NO_DATA, ""])}
    months = sorted({rf.period.text for rf in reports})[-MONTHS_SHOWN:]
    totals: dict[tuple[str, str], decimal.Decimal] = {}
    links: dict[tuple[str, str], str] = {}
    nothing: set[tuple[str, str]] = set()  # months declared with no_claims
    personal: dict[tuple[str, str], decimal.Decimal] = {}
    for rf in reports:
        claim = rf.report
        assert isinstance(claim, ExpenseReport)
        key = (rf.staff_id, rf.period.text)
        totals[key] = claim.total
        personal[key] = sum((i.amount for i in claim.items if i.personal), decimal.Decimal("0.00"))
        links[key] = report_page(rf)
        if claim.no_claims:
            nothing.add(key)
    people = sorted({sid for sid, _ in totals})
    own: dict[str, decimal.Decimal] = {}
    for (sid, month), value in totals.items():
        if month in months:
            own[sid] = own.get(sid, decimal.Decimal(0)) + value

    rows: list[list[Cell]] = []
    for sid in people:
        row: list[Cell] = [person(site, sid)]
        for month in months:
            key = (sid, month)
            amount = "无报销" if key in nothing else f"{totals.get(key, 0):,.2f}"
            row.append(link(amount, links[key]) if key in totals else "—")
        row.append(f"{own.get(sid, decimal.Decimal(0)):,.2f}")
        rows.append(row)
    month_sums = [
        sum((v for (_, m), v in totals.items() if m == month), decimal.Decimal(0))
        for month in months
    ]
    lines += ["## 每人每月合计(元)", "", f"{len(people)} 人的报销,每人一行:", ""]
    body, pages = data_table(
        "expenses", ["人员", *months, "合计"], rows,
        numeric=range(1, len(months) + 2), hint="姓名、金额",
    )  # fmt: skip
    lines += body
    lines += ["## 每月合计(元)", ""]
    month_rows = [[m, f"{v:,.2f}"] for m, v in zip(months, month_sums, strict=True)]
    month_rows.append(["**合计**", f"{sum(month_sums, decimal.Decimal(0)):,.2f}"])
    lines += table(["月份", "合计"], month_rows, numeric=[1])
    excluded: list[list[Cell]] = [
        [person(site, s), m, f"{v:,.2f}"]
        for (s, m), v in sorted(personal.items())
        if v and m in months
    ]
    if excluded:
        lines += ["## 未计入合计的个人费用(元)", "", f"{len(excluded)} 笔(按人、月合计)。", ""]
        body, data = data_table(
            "expenses-personal", ["人员", "月份", "金额"], excluded, numeric=[2], hint="姓名、月份"
        )
        lines += body
        pages.update(data)
    return {"expenses.md": "\n".join(lines), **pages}
