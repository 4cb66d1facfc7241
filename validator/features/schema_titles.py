"""Chinese titles and descriptions of every model and field, merged into the JSON Schemas.

The models belong to the validator; the words an editor or the report form shows belong here.
Keys are `Model.field` with the field's YAML name (its alias). `validator schema` fails when a
field has no entry, so a new field cannot ship without its Chinese title.
"""

from __future__ import annotations

from typing import Any

_DURATION = r"^\d+\s*[smhd]$"

#: model name -> (title, description)
MODELS: dict[str, tuple[str, str]] = {
    "WeeklyReport": ("周报", "上一 ISO 周的工作与下周计划;周一 13:00 前提交(客服部办法 三(一)3)。"),
    "MonthlyReport": ("月报", "局方故障机库存、备用机借出与换新量(客服部办法 三(五)3、三(七))。"),
    "ExpenseReport": (
        "报销",
        "一个月的费用;出差与接待须引用事先的审批(保安公司办法 七),个人费用标明并不计入合计(八)。",
    ),
    "IncidentReport": (
        "突发事件",
        "投诉到达管理部门、消协或媒体时,24 小时内报告,并持续更新直至解决(客服部办法 三(六))。",
    ),
    "WorkItem": ("工作条目", "本周某一天做的一件事。"),
    "Complaints": ("投诉", "本周处理的投诉数量。"),
    "FaultyStock": ("局方故障机库存", "一个区域为局方保管的故障机数量。"),
    "SpareUnit": ("备用机", "借出的一台备用机及其归还日期。"),
    "Replacements": ("换新量", "一个区域换新的手机数量。"),
    "ExpenseItem": ("费用条目", "一笔费用。"),
    "IncidentUpdate": ("进展", "某一天的处理进展。"),
    "Policy": ("组织规则", "org/policy.yaml:截止时间、时区与阈值;所有键均可省略。"),
    "ReportsPolicy": ("报告截止时间", "各类报告的截止规则。"),
    "WeeklyPolicy": ("周报截止", "周报的截止规则。"),
    "MonthlyPolicy": ("月报截止", "月报的截止规则。"),
    "ExpensesPolicy": ("报销截止", "报销的截止规则。"),
    "IncidentsPolicy": ("突发事件时限", "突发事件报告的时限。"),
    "WeeklyDue": ("每周截止时间", "下一周的星期几、几点之前。"),
    "MonthlyDue": ("每月截止时间", "下个月的几号、几点之前。"),
    "RotationPolicy": ("轮换", "驻外人员轮换规则(客服部办法 四)。"),
    "PerformancePolicy": ("考核", "月度考核规则(客服部办法 四)。"),
    "StaffRoster": ("人员名册", "org/staff.yaml:由审核人维护的人员名单。"),
    "Staff": ("人员", "一名驻外人员或审核人。"),
    "Posting": ("派驻", "派驻的区域与起止日期。"),
    "Regions": ("区域", "org/regions.yaml:销售区域、销量与相邻区域。"),
    "Region": ("区域", "一个销售区域;销量决定地区类别(客服部办法 四(二)3)。"),
    "Leave": ("请假", "org/leave.yaml:已批准的假期;整周休假则无需周报。"),
    "LeaveEntry": ("假期", "一段已批准的假期。"),
    "Approvals": ("审批", "org/approvals.yaml:事先批准的出差与接待(保安公司办法 七)。"),
    "Approval": ("审批", "一项出差或接待审批。"),
    "Scores": ("考核分数", "org/scores/<YYYY-MM>.yaml:月度考核分数 0–100(客服部办法 四(一))。"),
}

_STAFF = ("工号", "提交人的工号,须与文件夹名一致并在 org/staff.yaml 中登记,例如 li-ming。")
_LATE = ("逾期原因", "逾期提交时必须填写。")
_REGIONS = ("区域", "涉及的区域工号(org/regions.yaml 中的 id)。")
_FROM = ("开始日期", "YYYY-MM-DD。")
_TO = ("结束日期", "YYYY-MM-DD,含当天。")

#: "Model.field" -> (title, description)
FIELDS: dict[str, tuple[str, str]] = {
    "WeeklyReport.staff": _STAFF,
    "WeeklyReport.late_reason": _LATE,
    "WeeklyReport.week": ("周次", "ISO 周,格式 YYYY-Www,须与文件名一致,例如 2026-W47。"),
    "WeeklyReport.summary": ("本周小结", "本周工作概要,不超过 2000 字。"),
    "WeeklyReport.work": ("工作记录", "至少一条;日期须在本周(周一至周日)之内。"),
    "WeeklyReport.plan": ("下周计划", "至少一条。"),
    "WeeklyReport.regions": _REGIONS,
    "WeeklyReport.complaints": ("投诉", "本周处理与升级的投诉数量。"),
    "WeeklyReport.sales_info": ("销售信息", "市场与销售情况。"),
    "WeeklyReport.quality_issues": ("质量问题", "发现的产品质量问题。"),
    "WeeklyReport.support_needed": ("需要的支持", "需要总部提供的支持。"),
    "WorkItem.date": ("日期", "YYYY-MM-DD,须在本周之内。"),
    "WorkItem.description": ("工作内容", "做了什么。"),
    "WorkItem.site": ("地点", "例如授权站名称。"),
    "WorkItem.category": (
        "类别",
        "station 授权站、training 培训、complaint 投诉、parts 备件、operator 局方、sales 销售、"
        "other 其他。",
    ),
    "Complaints.handled": ("已处理", "处理的投诉数。"),
    "Complaints.escalated": ("已升级", "上报或升级的投诉数。"),
    "MonthlyReport.staff": _STAFF,
    "MonthlyReport.late_reason": _LATE,
    "MonthlyReport.month": ("月份", "YYYY-MM,须与文件名一致。"),
    "MonthlyReport.summary": ("本月小结", "本月工作概要。"),
    "MonthlyReport.faulty_stock": ("局方故障机库存", "每个派驻区域一条。"),
    "MonthlyReport.spare_units": ("备用机", "借出未还的备用机。"),
    "MonthlyReport.replacements": ("换新量", "各区域本月换新的数量。"),
    "MonthlyReport.issues": ("问题", "本月遇到的问题。"),
    "MonthlyReport.plan": ("下月计划", "下月的工作计划。"),
    "FaultyStock.region": ("区域", "org/regions.yaml 中的区域 id。"),
    "FaultyStock.units": ("台数", "故障机台数,不小于 0。"),
    "FaultyStock.note": ("备注", ""),
    "SpareUnit.serial": ("序列号", "备用机的序列号。"),
    "SpareUnit.model": ("型号", ""),
    "SpareUnit.holder": ("借用人", "借用备用机的用户或单位。"),
    "SpareUnit.loaned": ("借出日期", "YYYY-MM-DD。"),
    "SpareUnit.due": ("应还日期", "YYYY-MM-DD。"),
    "Replacements.region": ("区域", "org/regions.yaml 中的区域 id。"),
    "Replacements.count": ("换新台数", "不小于 0。"),
    "Replacements.note": ("备注", ""),
    "ExpenseReport.staff": _STAFF,
    "ExpenseReport.late_reason": _LATE,
    "ExpenseReport.month": ("月份", "YYYY-MM,须与文件名一致。"),
    "ExpenseReport.items": ("费用明细", "至少一条。"),
    "ExpenseReport.note": ("备注", ""),
    "ExpenseItem.date": ("日期", "YYYY-MM-DD,须在本月之内。"),
    "ExpenseItem.category": (
        "类别",
        "travel 出差、reception 接待、transport 交通、lodging 住宿、communication 通信、"
        "office 办公、other 其他。",
    ),
    "ExpenseItem.amount": ("金额", "人民币元,大于 0,最多两位小数。"),
    "ExpenseItem.description": ("说明", "这笔费用的用途。"),
    "ExpenseItem.approval": ("审批编号", "出差与接待须填写 org/approvals.yaml 中的审批编号。"),
    "ExpenseItem.personal": ("个人费用", "个人费用不计入报销合计(保安公司办法 八)。"),
    "ExpenseItem.receipt": ("票据", "发票或收据编号。"),
    "IncidentReport.staff": _STAFF,
    "IncidentReport.late_reason": _LATE,
    "IncidentReport.occurred_at": (
        "发生时间",
        "YYYY-MM-DD HH:MM(组织时区的当地时间)或带时区的 ISO 8601 时间。",
    ),
    "IncidentReport.title": ("标题", "一句话说明事件。"),
    "IncidentReport.channel": (
        "渠道",
        "regulator 管理部门、consumer_association 消费者协会、media 媒体、other 其他。",
    ),
    "IncidentReport.regions": _REGIONS,
    "IncidentReport.parties": ("相关方", "至少一个:用户、授权站、媒体等。"),
    "IncidentReport.summary": ("经过", "事件经过与目前的处理。"),
    "IncidentReport.updates": ("进展", "按日期记录的后续进展。"),
    "IncidentReport.status": ("状态", "open 处理中、resolved 已解决。"),
    "IncidentUpdate.date": ("日期", "YYYY-MM-DD。"),
    "IncidentUpdate.text": ("内容", ""),
    "Policy.organization": ("组织名称", ""),
    "Policy.timezone": (
        "时区",
        "IANA 时区名,例如 Asia/Shanghai;所有截止时间都是该时区的当地时间。",
    ),
    "Policy.clock_skew": ("时钟误差", "提交日期与到达服务器时间之间允许的误差,例如 30m。"),
    "Policy.reports": ("报告截止时间", ""),
    "Policy.rotation": ("轮换", ""),
    "Policy.performance": ("考核", ""),
    "ReportsPolicy.weekly": ("周报", ""),
    "ReportsPolicy.monthly": ("月报", ""),
    "ReportsPolicy.expenses": ("报销", ""),
    "ReportsPolicy.incidents": ("突发事件", ""),
    "WeeklyPolicy.due": ("截止", ""),
    "MonthlyPolicy.due": ("截止", ""),
    "ExpensesPolicy.due": ("截止", ""),
    "IncidentsPolicy.due_within": ("时限", "发生后多久之内报告,例如 24h。"),
    "WeeklyDue.weekday": ("星期", "monday … sunday。"),
    "WeeklyDue.time": ("时间", 'HH:MM,须加引号,例如 "13:00"。'),
    "MonthlyDue.day": ("日", "下个月的几号(1–28)。"),
    "MonthlyDue.time": ("时间", 'HH:MM,须加引号,例如 "18:00"。'),
    "RotationPolicy.protected_months": ("保护期(月)", "派驻不满此月数不轮换。"),
    "RotationPolicy.due_months": ("应轮换(月)", "派驻满此月数应当轮换。"),
    "RotationPolicy.rounds": ("轮换日", "每年的轮换日期,MM-DD。"),
    "PerformancePolicy.threshold": ("分数线", "月度考核低于此分数需关注。"),
    "StaffRoster.staff": ("人员", ""),
    "Staff.id": ("工号", "小写字母开头,字母、数字与连字符;即 submissions/ 下的文件夹名。"),
    "Staff.name": ("姓名", ""),
    "Staff.category": (
        "岗位",
        "account_manager 客户经理、parts_admin 备件管理员、technician 技术员、"
        "channel_assistant 渠道助理。",
    ),
    "Staff.email": ("电子邮箱", "与 git config user.email 一致,validator new 据此认人。"),
    "Staff.github": ("代码托管账号", "用于文件归属检查。"),
    "Staff.role": ("角色", "staff 驻外人员、reviewer 审核人。"),
    "Staff.postings": ("派驻", ""),
    "Posting.regions": ("区域", "org/regions.yaml 中的区域 id,至少一个。"),
    "Posting.from": _FROM,
    "Posting.to": ("结束日期", "YYYY-MM-DD;仍在派驻则为 null。"),
    "Regions.regions": ("区域", ""),
    "Region.id": ("区域 id", "小写字母开头,字母、数字与连字符。"),
    "Region.name": ("名称", ""),
    "Region.annual_sales": ("年销量", "最近 12 个月的销量(台)。"),
    "Region.high_failure_models": ("高故障机型为主", ""),
    "Region.one_stop": ("一站通", "已建立一站通的区域按三类区域配置人员。"),
    "Region.adjacent": ("相邻区域", "区域 id。"),
    "Leave.leave": ("假期", ""),
    "LeaveEntry.staff": _STAFF,
    "LeaveEntry.from": _FROM,
    "LeaveEntry.to": _TO,
    "LeaveEntry.reason": ("事由", ""),
    "Approvals.approvals": ("审批", ""),
    "Approval.id": ("审批编号", "例如 APR-2026-0012。"),
    "Approval.staff": _STAFF,
    "Approval.kind": ("类别", "travel 出差、reception 接待。"),
    "Approval.from": _FROM,
    "Approval.to": _TO,
    "Approval.purpose": ("事由", ""),
    "Approval.approved_by": ("批准人", ""),
    "Scores.month": ("月份", "YYYY-MM,须与文件名一致。"),
    "Scores.scores": ("分数", "工号 → 分数(0–100)。"),
}

#: "Model.field" -> keywords the model checks in code but a schema can say too
EXTRA: dict[str, dict[str, Any]] = {
    "Policy.clock_skew": {"pattern": _DURATION},
    "IncidentsPolicy.due_within": {"pattern": _DURATION},
}
