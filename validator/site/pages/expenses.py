"""`expenses.md`: claimed totals per person and month; personal items are excluded (SEC 八)."""

from __future__ import annotations

import decimal

from validator.kinds.expenses import ExpenseReport
from validator.site.pages.common import NO_DATA, PRIVATE, Pages, Site, header, report_page, table
from validator.site.pages.escape import text
from validator.site.pages.groups import FRONT, ROWS_PER_PAGE, staff_groups

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
    own: dict[str, decimal.Decimal] = {}
    for (sid, month), value in totals.items():
        if month in months:
            own[sid] = own.get(sid, decimal.Decimal(0)) + value

    def person_rows(shown: list[str], prefix: str) -> list[list[str]]:
        rows = []
        for sid in shown:
            row = [site.staff_link(sid, prefix)]
            for month in months:
                key = (sid, month)
                amount = "无报销" if key in nothing else f"{totals.get(key, 0):,.2f}"
                row.append(f"[{amount}]({prefix}{links[key]})" if key in totals else "—")
            row.append(f"{own.get(sid, decimal.Decimal(0)):,.2f}")
            rows.append(row)
        return rows

    def excluded_rows(shown: set[str], prefix: str) -> list[list[str]]:
        return [
            [site.staff_link(s, prefix), m, f"{v:,.2f}"]
            for (s, m), v in sorted(personal.items())
            if v and m in months and s in shown
        ]

    groups = staff_groups(site, people)
    head = ["人员", *months, "合计"]
    if groups is not None:  # a national company: a page per engineer's people
        pages: Pages = {}
        index = []
        for group in groups:
            page = [*FRONT, *header(site, f"报销:{group.title}"), "[返回报销](../expenses.md)", ""]
            page += ["## 每人每月合计(元)", ""]
            page += table(head, person_rows(list(group.staff), "../"), range(1, len(months) + 2))
            excluded = excluded_rows(set(group.staff), "../")
            if excluded:
                page += ["## 未计入合计的个人费用(元)", ""]
                page += table(["人员", "月份", "金额"], excluded, numeric=[2])
            pages[f"expenses/{group.slug}.md"] = "\n".join(page)
            total = sum(
                (own.get(sid, decimal.Decimal(0)) for sid in group.staff), decimal.Decimal(0)
            )
            index.append(
                [
                    f"[{group.title}](expenses/{group.slug}.md)",
                    str(len(group.staff)),
                    f"{total:,.2f}",
                ]
            )
        lines += ["## 每人每月合计(元)", ""]
        lines += [f"人数较多,每人的表格按渠道工程师分页(每页最多 {ROWS_PER_PAGE} 人)。", ""]
        lines += table(["页面", "人数", "合计"], index, numeric=[1, 2])
        lines += ["## 每月合计(元)", ""]
        sums = [
            f"{sum((v for (_, m), v in totals.items() if m == month), decimal.Decimal(0)):,.2f}"
            for month in months
        ]
        lines += table(
            ["月份", "合计"], [list(pair) for pair in zip(months, sums, strict=True)], [1]
        )
        return {"expenses.md": "\n".join(lines), **pages}
    rows = person_rows(people, "")
    column_totals = [
        f"{sum((v for (_, m), v in totals.items() if m == month), decimal.Decimal(0)):,.2f}"
        for month in months
    ]
    grand = sum((v for (_, m), v in totals.items() if m in months), decimal.Decimal(0))
    rows.append(["**合计**", *column_totals, f"{grand:,.2f}"])
    lines += ["## 每人每月合计(元)", ""]
    lines += table(["人员", *months, "合计"], rows, numeric=range(1, len(months) + 2))
    excluded = excluded_rows(set(people), "")
    if excluded:
        lines += ["## 未计入合计的个人费用(元)", ""]
        lines += table(["人员", "月份", "金额"], excluded, numeric=[2])
    return {"expenses.md": "\n".join(lines)}
