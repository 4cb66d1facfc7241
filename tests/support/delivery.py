"""A small routed organisation for the delivery tests: two staff reporting to one channel
engineer, copied to one manager, one staff member routed nowhere, and one weekly report whose
text tries to become markup, a link and Markdown."""

from __future__ import annotations

from tests.support.gitrepo import GitRepo
from tests.support.roster import member, staff_yaml

ROUTED = "    channel_engineer: zhao-lei\n    channel_manager: sun-li\n"
STAFF = staff_yaml(
    member("li-ming", "李明", "account_manager", "liming-gz", regions=("guangzhou",))
    + ROUTED
    + "    mobile: '13800000001'\n    wecom_userid: LiMing\n    dingtalk_userid: liming01\n"
    + "    feishu_open_id: ou_liming\n",
    member("wang-fang", "王芳", "technician", "wangfang", regions=("foshan",)) + ROUTED,
    member("zhang-wei", "张伟", "parts_admin", "zhangwei", regions=("shenzhen",)),
    member("zhao-lei", "赵磊", "account_manager", "zhaolei-hq", role="reviewer"),
    member("sun-li", "孙丽", "account_manager", "sunli-hq", role="reviewer"),
)
HOSTILE = (
    '<script>alert("x")</script> 详见 http://evil.example.com/a?b=1 或 www.evil.cn,'
    "邮件 boss@evil.cn,[点我](http://evil.example.com) **粗体**"
)
WEEKLY = f"""\
staff: li-ming
week: 2026-W47
summary: '{HOSTILE}'
work:
  - date: 2026-11-17
    description: 检查天河授权站维修工单填写
    site: 天河授权站
plan:
  - 跟进佛山授权站备件申请
support_needed:
  - 需要总部支援两台备用机
quality_issues:
  - X9 机型开机黑屏
"""
# Monday 14:00 Beijing: the 2026-W47 deadline (13:00) has just passed
AFTER_DEADLINE = "2026-11-23T14:00:00+08:00"


def policy(notify: str) -> str:
    return "timezone: Asia/Shanghai\nnotify:\n" + notify


def build(repo: GitRepo, notify: str) -> None:
    repo.write("org/staff.yaml", STAFF)
    repo.write("org/policy.yaml", policy(notify))
    repo.commit("org", "2026-10-01T09:00:00+08:00")
    repo.write("submissions/li-ming/weekly/2026-W47.yaml", WEEKLY)
    repo.commit("li-ming W47", "2026-11-22T20:00:00+08:00")
