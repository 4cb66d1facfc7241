"""`expenses.md`: claimed totals per person and month; personal items are excluded (SEC 八)."""

from __future__ import annotations

import decimal

from validator.kinds.expenses import ExpenseReport
from validator.site.pages.common import NO_DATA, PRIVATE, Pages, Site, header, report_page, table
from validator.site.pages.escape import text

MONTHS_SHOWN = 12


def render(site: Site) -> Pages:
    lines = header(site, "报销")
    lines += [
        "合计只含公务费用;标为个人(`personal: true`)的项目由本人承担,不计入合计。"
        "本月没有费用的人提交 `no_claims: true`,表中显示为“无报销”。",
        "",
        f"纸质凭证(本组织规定,org/policy.yaml `reports.expenses.paper_vouchers`):"
        f"{text(site.org.policy.reports.expenses.paper_vouchers)}",
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
    rows = []
    for sid in people:
        row = [site.staff_link(sid)]
        for month in months:
            key = (sid, month)
            shown = "无报销" if key in nothing else f"{totals.get(key, 0):,.2f}"
            row.append(f"[{shown}]({links[key]})" if key in totals else "—")
        own = (v for (s, m), v in totals.items() if s == sid and m in months)
        row.append(f"{sum(own, decimal.Decimal(0)):,.2f}")
        rows.append(row)
    column_totals = [
        f"{sum((v for (_, m), v in totals.items() if m == month), decimal.Decimal(0)):,.2f}"
        for month in months
    ]
    grand = sum((v for (_, m), v in totals.items() if m in months), decimal.Decimal(0))
    rows.append(["**合计**", *column_totals, f"{grand:,.2f}"])
    lines += ["## 每人每月合计(元)", ""]
    lines += table(["人员", *months, "合计"], rows, numeric=range(1, len(months) + 2))
    excluded = [(k, v) for k, v in sorted(personal.items()) if v and k[1] in months]
    if excluded:
        lines += ["## 未计入合计的个人费用(元)", ""]
        lines += table(
            ["人员", "月份", "金额"],
            [[site.staff_link(s), m, f"{v:,.2f}"] for (s, m), v in excluded],
            numeric=[2],
        )
    return {"expenses.md": "\n".join(lines)}
