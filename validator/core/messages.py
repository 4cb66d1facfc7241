"""The message catalog: every text a user reads, in Simplified Chinese and English.

Diagnostics carry a key and arguments; the text is chosen here at format time, so the core never
builds a sentence and the two languages cannot drift apart silently (a test checks that every key
has both and that their placeholders agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CATALOG: dict[str, tuple[str, str]] = {
    # loading
    "symlink": (
        "不允许使用符号链接,请提交普通文件。",
        "symbolic links are not allowed; commit a regular file",
    ),
    "unreadable": ("无法读取文件:{reason_zh}", "cannot read the file: {reason}"),
    "too-large": ("文件超过 {limit} KiB 的上限。", "the file is larger than the {limit} KiB limit"),
    "encoding": (
        "文件不是 UTF-8 编码,请用 UTF-8 重新保存。",
        "the file is not UTF-8; save it again as UTF-8",
    ),
    "encoding-gbk": (
        "文件似乎是 GBK/GB18030 编码,请用 UTF-8 重新保存(例如在编辑器中选择“以 UTF-8 编码保存”)。",
        "the file looks like GBK/GB18030; save it again as UTF-8",
    ),
    "nul-byte": (
        "文件包含 NUL 字节,不是文本文件。",
        "the file contains NUL bytes; it is not a text file",
    ),
    "yaml-syntax": ("YAML 语法错误:{problem_zh}", "YAML syntax error: {problem}"),
    "too-deep": ("嵌套层次超过 {depth} 层。", "nesting deeper than {depth} levels"),
    "yaml-anchor": (
        "不允许使用 YAML 锚点(&)和别名(*),请直接写出内容。",
        "YAML anchors (&) and aliases (*) are not allowed; write the content out",
    ),
    "yaml-tag": ("不允许使用 YAML 标签 {tag}。", "the YAML tag {tag} is not allowed"),
    "comment-in-text": (
        "“#” 前有空格,从 “#” 到行尾(“{comment}”)是 YAML 注释,不会保存:这一项只保存了 “{value}”。"
        '如果 # 是正文的一部分,请给整段加英文双引号,例如 "{whole}";如果是注释,请把它移到单独一行。',
        "a space before '#' makes the rest of the line ('{comment}') a YAML comment, which is not "
        "kept: only '{value}' is saved. If the # is part of the text, put the whole text in double "
        'quotes, e.g. "{whole}"; if it is a comment, move it to a line of its own.',
    ),
    "comment-as-text": (
        "值以 “#” 开头,YAML 把从 “#” 到行尾(“{comment}”)当作注释,不会保存,这一项因此是空的。"
        '如果这是要写的内容,请给整段加英文双引号,例如 "{whole}"。',
        "a value starting with '#' makes the rest of the line ('{comment}') a YAML comment, "
        "which is not kept, so this item is empty. If it is the text, put it in double quotes, "
        'e.g. "{whole}".',
    ),
    # typing with a Chinese input method (validator.reading.ime)
    "ime-char": (
        "这里是中文输入法打出的{what}“{char}”,YAML 不认它;请改为{fix}。",
        "'{char}' here is the full-width {what} of a Chinese input method, which YAML does not "
        "read; type {fix} instead",
    ),
    "ime-no-space": (
        "“{key}:” 后面缺少空格:YAML 的冒号后必须有一个空格,请写成 “{key}: {rest}”。",
        "a space is missing after '{key}:': YAML needs one after the colon, write '{key}: {rest}'",
    ),
    "ime-what-colon": ("全角冒号", "colon"),
    "ime-fix-colon": ("英文冒号加一个空格“: ”", "an ASCII colon and a space ': '"),
    "ime-what-comma": ("全角逗号", "comma"),
    "ime-fix-comma": ("英文逗号“,”", "an ASCII comma ','"),
    "ime-what-enum-comma": ("顿号", "enumeration comma"),
    "ime-fix-enum-comma": ("英文逗号“,”", "an ASCII comma ','"),
    "ime-what-space": ("全角空格", "space U+3000"),
    "ime-fix-space": ("英文空格(半角空格)", "ordinary spaces"),
    "ime-what-bracket": ("全角方括号", "bracket"),
    "ime-fix-bracket": ("英文方括号“[ ]”", "ASCII brackets '[ ]'"),
    "ime-what-brace": ("全角花括号", "brace"),
    "ime-fix-brace": ("英文花括号“{{ }}”", "ASCII braces '{{ }}'"),
    # slips of writing on a phone (validator.reading.syntax_hints)
    "yaml-no-colon": (
        "这一行没有英文冒号“:”,也不是以 “- ” 开头的列表项。如果它接着上一行的文字,"
        "请把它接到上一行末尾;如果它是一个字段,请写成 “字段名: 内容”。",
        "this line has no ':' and is not a '- ' list item. If it goes on from the line before, "
        "join it to the end of that line; if it is a field, write 'name: value'",
    ),
    "yaml-no-colon-ime": (
        "这一行没有英文冒号“:”(“：”是中文输入法打出的全角冒号,YAML 不认它)。如果它接着上一行的文字,"
        "请把它接到上一行末尾;如果它是一个字段,请用格式说明里的英文字段名,写成 “字段名: 内容”。",
        "this line has no ':' (the full-width '：' of a Chinese input method is not one). If it "
        "goes on from the line before, join it to the end of that line; if it is a field, use "
        "the field's name from the formats and write 'name: value'",
    ),
    "yaml-no-colon-key": (
        "“{key}” 后面缺少英文冒号“:”;请写成 “{key}: {rest}”。",
        "a ':' is missing after '{key}'; write '{key}: {rest}'",
    ),
    "yaml-dash-after-key": (
        "“- ” 不能写在 “{key}:” 的同一行。如果这是一个列表,请把每一项另起一行,"
        "以缩进两个空格的 “- ” 开头;如果这是一段文字,请用英文引号括起来,写成 {fix}",
        "'- ' cannot follow '{key}:' on the same line. For a list, put each item on a line of "
        "its own starting with '- ', indented two spaces; for a text, quote it: {fix}",
    ),
    "yaml-indented-field": (
        "“{key}” 这一行比上一个字段缩进得深,YAML 把它读成了上一行内容的续行;"
        "请删去行首多余的空格,与同一层的字段对齐。",
        "the line of '{key}' is indented deeper than the field before it, so YAML reads it as "
        "going on from that line; remove the extra spaces so that it lines up with its siblings",
    ),
    "yaml-quote-open": (
        "从这里开始的引号 {quote} 一直没有结束;请在这段文字末尾补上 {quote},或者删去这个引号。",
        "the quote {quote} that starts here is never closed; add {quote} at the end of the "
        "text, or remove this one",
    ),
    "yaml-text-after-quotes": (
        "文字写在了空引号 {quotes} 的后面;请把文字写进引号里,写成 {fix}",
        "the text is written after the empty quotes {quotes}; put it inside them: {fix}",
    ),
    "yaml-reserved-start": (
        "这段文字以 “{char}” 开头,YAML 把它当作特殊符号;请用英文引号把整段文字括起来,写成 {fix}",
        "this text starts with '{char}', which YAML reads as a special sign; put the whole "
        "text in quotes: {fix}",
    ),
    "yaml-tag-value": (
        "标签 {tag} 要求{type},但这里的值是 “{value}”;请删去标签,或改正这个值。",
        "the tag {tag} needs {type}, but the value here is '{value}'; remove the tag or fix "
        "the value",
    ),
    "tag-holds-bool": ("布尔值(true 或 false)", "a boolean (true or false)"),
    "tag-holds-int": ("整数", "a whole number"),
    "tag-holds-float": ("数字", "a number"),
    "tag-holds-timestamp": ("日期或时间(YYYY-MM-DD)", "a date or time (YYYY-MM-DD)"),
    "tag-holds-null": ("空值(null 或 ~)", "null (null or ~)"),
    "yaml-merge": ("不允许使用合并键 <<。", "the merge key << is not allowed"),
    "yaml-complex-key": ("键必须是简单的文本。", "keys must be plain scalars"),
    "duplicate-key": (
        "键 “{key}” 重复出现(第一次在第 {first} 行)。",
        "duplicate key '{key}' (first on line {first})",
    ),
    # files and paths
    "unexpected-file": (
        "submissions/ 下只能放 <工号>/<类别>/<期间>.yaml:{reason}",
        "only <staff>/<kind>/<period>.yaml belongs under submissions/: {reason}",
    ),
    "bad-extension": ("扩展名必须是 .yaml", "the extension must be .yaml"),
    "bad-depth": ("路径层级不对", "wrong folder depth"),
    "hidden": (
        "以 . 开头的隐藏文件或文件夹不会被校验,请删除",
        "hidden files and folders (starting with .) are not checked; remove it",
    ),
    "bad-kind": (
        "未知的报告类别 “{kind}”(可用:{choices})",
        "unknown report kind '{kind}' (choices: {choices})",
    ),
    "bad-period": (
        "“{period}” 不是合法的{kind_zh}期间(应为 {example})",
        "'{period}' is not a valid {kind} period (expected {example})",
    ),
    "no-such-week": (
        "“{period}” 不存在:{year} 年只有 {weeks} 个 ISO 周(最后一周是 {last})",
        "'{period}' does not exist: {year} has {weeks} ISO weeks (the last is {last})",
    ),
    "bad-incident-name": (
        "“{period}” 不是合法的突发事件文件名:日期后面要接一个标识,只能用小写英文字母、数字和连字符"
        "(应为 {example})",
        "'{period}' is not a valid incident file name: the date is followed by a name of "
        "lower-case ASCII letters, digits and hyphens (expected {example})",
    ),
    "bad-period-year": (
        "“{period}” 的年份应在 {first} 至 {last} 之间",
        "the year of '{period}' must be from {first} to {last}",
    ),
    "bad-staff-folder": (
        "文件夹名 “{name}” 不是合法的工号",
        "the folder name '{name}' is not a valid staff id",
    ),
    "unexpected-org-file": (
        "org/ 下没有 “{name}” 这种文件(可用:{choices})",
        "org/ has no file called '{name}' (choices: {choices})",
    ),
    "path-mismatch": (
        "{field} 为 “{value}”,但文件路径要求 “{expected}”。",
        "{field} is '{value}' but the file path says '{expected}'",
    ),
    # schema
    "not-mapping-empty": (
        "文件是空的;内容必须是一个映射(键: 值)。",
        "the file is empty; it must hold a mapping (key: value)",
    ),
    "not-mapping-list": (
        "文件内容是一个列表;必须是一个映射(键: 值)。",
        "the file holds a list; it must hold a mapping (key: value)",
    ),
    "not-mapping-scalar": (
        "文件内容只是一个值;必须是一个映射(键: 值)。",
        "the file holds a single value; it must hold a mapping (key: value)",
    ),
    "missing": ("缺少必填字段 “{field}”。", "missing required field '{field}'"),
    "missing-for-staff": (
        "缺少必填字段 “{field}”(外派人员 role: staff 必填,审核人可省略),可选:{choices}。",
        "missing required field '{field}' (required for role: staff, optional for reviewers); "
        "choices: {choices}",
    ),
    "extra": ("未知字段 “{field}”。", "unknown field '{field}'"),
    "too-many-problems": (
        "这个文件的问题超过 {limit} 个,只列出前 {limit} 个;请先改正列出的问题。",
        "this file has more than {limit} problems; only the first {limit} are listed",
    ),
    "key-not-text": (
        "键 {source} 不是文本(YAML 把它读成了数字、布尔值、日期或空值),字段名必须是文本;"
        '请改正,或加引号写成 "{source}"。',
        "the key {source} is not text (YAML reads it as a number, boolean, date or null); "
        'field names must be text: fix it, or quote it as "{source}"',
    ),
    "extra-suggest": (
        "未知字段 “{field}”,是否想写 “{suggestion}”?",
        "unknown field '{field}'; did you mean '{suggestion}'?",
    ),
    "expected-str": ("“{where}” 应为文本。", "'{where}' must be text"),
    "yaml11-bool": (
        '“{where}” 应为文本,但 {source} 被 YAML 当成了布尔值;请加引号写成 "{source}"。',
        "'{where}' must be text, but YAML reads {source} as a boolean; quote it: \"{source}\"",
    ),
    "yaml11-date": (
        '“{where}” 应为文本,但 {source} 被 YAML 当成了日期;请加引号写成 "{source}"。',
        "'{where}' must be text, but YAML reads {source} as a date; quote it: \"{source}\"",
    ),
    "yaml11-number": (
        '“{where}” 应为文本,但 {source} 被 YAML 当成了数字;请加引号写成 "{source}"。',
        "'{where}' must be text, but YAML reads {source} as a number; quote it: \"{source}\"",
    ),
    "expected-int": ("“{where}” 应为整数。", "'{where}' must be a whole number"),
    "expected-number": ("“{where}” 应为数字。", "'{where}' must be a number"),
    "expected-bool": ("“{where}” 应为 true 或 false。", "'{where}' must be true or false"),
    "expected-date": (
        "“{where}” 应为日期,格式 YYYY-MM-DD。",
        "'{where}' must be a date written YYYY-MM-DD",
    ),
    "expected-datetime": (
        "“{where}” 应为日期时间,格式 YYYY-MM-DDTHH:MM(可带时区,如 +08:00)。",
        "'{where}' must be a date and time written YYYY-MM-DDTHH:MM (optionally with +08:00)",
    ),
    # a value written as on paper (validator.reading.as_written): the value to write
    "write-as": (
        "“{where}” 应为{what};请写成 {fixed}。",
        "'{where}' must be {what}; write {fixed}",
    ),
    "what-expected-int": (
        "整数(半角数字,不加引号、单位或千位分隔符)",
        "a whole number (ASCII digits, no quotes, unit or thousands separator)",
    ),
    "what-expected-number": (
        "数字(半角数字,不加引号、单位或千位分隔符)",
        "a number (ASCII digits, no quotes, unit or thousands separator)",
    ),
    "what-expected-date": ("日期,格式 YYYY-MM-DD", "a date written YYYY-MM-DD"),
    "what-expected-datetime": (
        "日期时间,格式 YYYY-MM-DDTHH:MM",
        "a date and time written YYYY-MM-DDTHH:MM",
    ),
    "year-range": (
        "“{where}” 的年份应在 {first} 至 {last} 之间。",
        "the year of '{where}' must be from {first} to {last}",
    ),
    "expected-list": (
        "“{where}” 应为列表(每项以 “- ” 开头)。",
        "'{where}' must be a list of '- ' items",
    ),
    "list-as-lines": (
        "“{where}” 应为列表,这里却是文字(另起的几行文字会被 YAML 连成一段);"
        "请在每一项前加上 “- ”,每项一行。",
        "'{where}' must be a list, not a text (YAML joins lines of text into one); start each "
        "item with '- ', one item a line",
    ),
    "list-as-text": (
        "“{where}” 应为列表,这里却是一段文字;请写成 {fix},或者每项另起一行、以 “- ” 开头。",
        "'{where}' must be a list, not a text; write {fix}, or each item on a line of its own "
        "starting with '- '",
    ),
    "expected-mapping": (
        "“{where}” 应为映射(键: 值)。",
        "'{where}' must be a mapping (key: value)",
    ),
    "empty": ("“{where}” 不能为空。", "'{where}' must not be empty"),
    "too-short": ("“{where}” 至少需要 {min} 项。", "'{where}' needs at least {min} item(s)"),
    "too-long-text": ("“{where}” 最多 {max} 个字符。", "'{where}' is limited to {max} characters"),
    "too-long-list": ("“{where}” 最多 {max} 项。", "'{where}' allows at most {max} items"),
    "choice": ("“{where}” 只能是:{choices}。", "'{where}' must be one of: {choices}"),
    "choice-as": (
        "“{where}” 只能是:{choices};请写成 {choice}。",
        "'{where}' must be one of: {choices}; write {choice}",
    ),
    "pattern": (
        "“{where}” 格式不对(应为 {example})。",
        "'{where}' has the wrong format (expected {example})",
    ),
    "range-ge": ("“{where}” 不能小于 {limit}。", "'{where}' must be at least {limit}"),
    "range-le": ("“{where}” 不能大于 {limit}。", "'{where}' must be at most {limit}"),
    "range-gt": ("“{where}” 应大于 {limit}。", "'{where}' must be more than {limit}"),
    "range-lt": ("“{where}” 应小于 {limit}。", "'{where}' must be less than {limit}"),
    "decimals": (
        "“{where}” 最多两位小数(单位:元)。",
        "'{where}' allows at most two decimals (CNY)",
    ),
    "score-range": ("“{where}” 应在 0 到 100 之间。", "'{where}' must be between 0 and 100"),
    "invalid": ("“{where}” 不合法:{detail}", "'{where}' is invalid: {detail}"),
    "bad-timezone": (
        "未知的时区 “{value}”(应为 IANA 名称,如 Asia/Shanghai)。",
        "unknown time zone '{value}' (use an IANA name such as Asia/Shanghai)",
    ),
    "bad-duration": (
        "“{value}” 不是时长(例如 30m、24h、2d;最长 366d)。",
        "'{value}' is not a duration (e.g. 30m, 24h, 2d; at most 366d)",
    ),
    "bad-range": (
        "结束日期 {to} 早于开始日期 {start}。",
        "the end date {to} is before the start {start}",
    ),
    "whitespace-only": ("“{where}” 不能只有空白。", "'{where}' must not be blank"),
    "one-line": (
        "“{where}” 只能写一行,且不能只有空白。",
        "'{where}' must be one line and not blank",
    ),
    # references
    "unknown-staff": (
        "工号 “{staff}” 不在 org/staff.yaml 中。",
        "staff '{staff}' is not in org/staff.yaml",
    ),
    "unknown-staff-suggest": (
        "工号 “{staff}” 不在 org/staff.yaml 中,是否想写 “{suggestion}”?",
        "staff '{staff}' is not in org/staff.yaml; did you mean '{suggestion}'?",
    ),
    "unknown-region": (
        "区域 “{region}” 不在 org/regions.yaml 中。",
        "region '{region}' is not in org/regions.yaml",
    ),
    "duplicate-id": (
        "编号 “{id}” 重复(第一次在第 {first} 行)。",
        "duplicate id '{id}' (first on line {first})",
    ),
    "not-posted": (
        "{staff} 在 {period} 期间没有派驻记录(见 org/staff.yaml 的 postings)。",
        "{staff} has no posting during {period} (see postings in org/staff.yaml)",
    ),
    "future-period": (
        "期间 {period} 从 {start} 开始,还没有到,不能提前提交。",
        "the period {period} starts on {start}, which is still in the future",
    ),
    "date-out-of-period": (
        "日期 {date} 不在报告期间 {start} 至 {end} 之内。",
        "the date {date} is outside the report's period {start} to {end}",
    ),
    "date-before-occurred": (
        "日期 {date} 早于事件发生日期 {start}。",
        "the date {date} is before the incident occurred ({start})",
    ),
    "late": (
        "逾期:截止时间 {due}({basis}),收到时间 {received};请填写 late_reason 说明原因。",
        "late: due {due} ({basis}), received {received}; add a late_reason",
    ),
    "late-with-reason": (
        "逾期:截止时间 {due}({basis}),收到时间 {received}(已说明原因)。",
        "late: due {due} ({basis}), received {received} (a reason is given)",
    ),
    "shallow-history": (
        "这是浅克隆:包括本文件在内的 {count} 份报告在克隆的截断处之前就已提交,收到时间不明,没有判断是否逾期。"
        "要完整检查,请先运行 git fetch --unshallow(工作流中 actions/checkout 设 fetch-depth: 0,"
        "GitLab 设 GIT_DEPTH: 0)。",
        "a shallow clone: {count} reports, this one among them, were committed before its cut, so their received times "
        "are unknown and were not judged late; for a whole check run git fetch --unshallow first "
        "(fetch-depth: 0 for actions/checkout, GIT_DEPTH: 0 on GitLab)",
    ),
    "shallow-status": (
        "这是浅克隆:{count} 个文件在克隆的截断处之前就已提交,收到时间不明,这里按截断处计(可能显示为迟交)。"
        "请先运行 git fetch --unshallow。",
        "a shallow clone: {count} files were committed before its cut; their received times are "
        "unknown and counted as at the cut here (some may show as late); run git fetch "
        "--unshallow first",
    ),
    # where a deadline comes from when no article sets it (else the article's name)
    "basis-setting": ("本组织规定", "this organisation's setting in org/policy.yaml"),
    "approval-missing": (
        "{category}须事先审批{cited_zh}:请引用本人已批准、日期覆盖 {date} 的审批单(approval)。",
        "a {category} needs prior approval{cited}: cite an approval of the same staff member "
        "covering {date}",
    ),
    "items-or-no-claims": (
        "须列出 items(本月的费用),或写 no_claims: true(本月没有要报销的费用),两者只能选一。",
        "list the month's items, or write no_claims: true for a month with nothing to claim "
        "(exactly one of them)",
    ),
    "approval-after-the-fact": (
        "审批单 “{approval}” 于 {approved_on} 才获公司批准,晚于费用日期 {date};"
        "出差与接待须事先审批{cited_zh}。",
        "approval '{approval}' was granted on {approved_on}, after the expense of {date}; "
        "trips and receptions are approved beforehand{cited}",
    ),
    "spare-overdue": (
        "备用机 {serial} 应于 {due} 归还,截至 {on} 仍未归还;请及时收回{cited_zh}。",
        "spare unit {serial} was due back on {due} and is still out on {on}; get it back{cited}",
    ),
    "stock-region-missing": (
        "faulty_stock 缺少区域 {region} 的局方故障机库存:{month} 派驻的每个区域都要上报"
        "{cited_zh}。",
        "faulty_stock has no entry for {region}: every region posted to in {month} is reported"
        "{cited}",
    ),
    "date-after-period": (
        "日期 {date} 晚于报告期间的最后一天 {end}。",
        "the date {date} is after the last day of the report's period ({end})",
    ),
    "handover-missing": (
        "{staff} 在 {regions} 的派驻于 {to} 结束,应在 {to} 至 {until} 之间提交交接报告"
        "(submissions/{staff}/handover/<日期>.yaml),至今没有(期限为本组织规定)。",
        "{staff}'s posting in {regions} ended on {to}; a handover dated {to} to {until} is owed "
        "(submissions/{staff}/handover/<date>.yaml) and there is none (the window is this "
        "organisation's setting)",
    ),
    "handover-units": (
        "交接的备用机与最近一期月报({month})在借的不一致:月报在借而未交接 {missing};"
        "交接而月报未列 {extra}。",
        "the spare units handed over differ from those out on loan in the latest monthly "
        "report ({month}): out but not handed over {missing}; handed over but not listed {extra}",
    ),
    "approval-unknown": (
        "审批单 “{approval}” 不存在、不属于 {staff},或其日期不覆盖 {date}。",
        "approval '{approval}' does not exist, is not {staff}'s, or does not cover {date}",
    ),
    "allocation-class1": (
        "{region}是一类地区,应由一名外派人员管理并由渠道助理协助,当前外派 {staff} 人、渠道助理 {assistants} 人。",
        "{region} is a class-1 region: one dispatched staff plus a channel assistant expected; "
        "found {staff} staff and {assistants} assistant(s)",
    ),
    "allocation-class2": (
        "{region}是二类地区,应由一名外派人员管理,当前 {staff} 人。",
        "{region} is a class-2 region: one dispatched staff expected, found {staff}",
    ),
    "allocation-class3": (
        "{region}是三类地区,应由一名外派人员管理(可兼管相邻三类地区),当前 {staff} 人。",
        "{region} is a class-3 region: one dispatched staff expected (may cover adjacent class-3 "
        "regions), found {staff}",
    ),
    "allocation-nonadjacent": (
        "{staff} 同时负责的三类地区 {regions} 并不相邻。",
        "{staff} covers class-3 regions {regions} that are not adjacent",
    ),
    "allocation-mixed": (
        "{staff} 同时负责的 {regions} 中有非三类地区;只有相邻的三类地区可以兼管。",
        "{staff} covers {regions}, which are not all class-3; only adjacent class-3 regions may "
        "share one person",
    ),
    # pull requests
    "not-owner-path": (
        "{author} 只能在 submissions/{own}/ 下提交文件,不能改动 {path}。",
        "{author} may only change files under submissions/{own}/, not {path}",
    ),
    "not-owner-commit": (
        "提交 {commit} 经 {author} 之手改动了 {path},但 {author} 只能改动 submissions/{own}/ 下的文件。",
        "commit {commit} changes {path} by the hand of {author}, who may only change files "
        "under submissions/{own}/",
    ),
    "pr-too-many-commits": (
        "拉取请求包含 {count} 个提交,超过本组织规定的上限 {limit} 个(org/policy.yaml "
        "pull_request.max_commits);请拆分成较小的拉取请求。",
        "the pull request has {count} commits, more than this organisation's limit of {limit} "
        "(org/policy.yaml pull_request.max_commits); split it into smaller ones",
    ),
    "pr-too-many-files": (
        "拉取请求改动了 {count} 个文件,超过本组织规定的上限 {limit} 个(org/policy.yaml "
        "pull_request.max_files);请拆分成较小的拉取请求。",
        "the pull request changes {count} files, more than this organisation's limit of {limit} "
        "(org/policy.yaml pull_request.max_files); split it into smaller ones",
    ),
    "pr-too-many-bytes": (
        "拉取请求的提交中报告的各个版本合计约 {count} MiB,超过上限 {limit} MiB;"
        "请拆分成较小的拉取请求。",
        "the report versions in the pull request's commits come to about {count} MiB, more "
        "than the limit of {limit} MiB; split it into smaller ones",
    ),
    "not-owner-unknown": (
        "Git 账号 {author} 不在 org/staff.yaml 中,不能提交报告。",
        "the login {author} is not in org/staff.yaml and may not submit reports",
    ),
    "modified-after-merge": (
        "该报告已合并到 {base},不能再修改;如需更正请联系审核人。",
        "this report is already on {base} and may not be changed; ask a reviewer to correct it",
    ),
    "deleted-after-merge": (
        "该报告已合并到 {base},不能删除。",
        "this report is already on {base} and may not be deleted",
    ),
    "archive-summary-bad": (
        "归档摘要有误:{problem}。摘要只能由 validator archive 生成,请勿手工修改。",
        "the archive summary is wrong: {problem}. Only validator archive writes it; do not edit",
    ),
    "archive-summary-stray": (
        "归档摘要有误:archive/ 下只应有 validator archive 写的摘要 archive/<年>.yaml:改名或移走的"
        "摘要不再被读取,该年的报告就从所有统计中消失了。摘要只能由 validator archive 生成,请勿手工修改。",
        "the archive summary is wrong: only the summaries validator archive writes, "
        "archive/<year>.yaml, belong under archive/; a summary renamed or moved is no longer "
        "read, and its year leaves every figure. Only validator archive writes it; do not edit",
    ),
    "archive-summary-gone": (
        "摘要被删除或移走:该年的报告已不在 {base} 上,删除摘要会让该年从所有统计中消失。"
        "摘要只能由 validator archive 生成,请勿删除或移走。",
        "the archive summary is deleted or moved away: the year's reports are no longer on "
        "{base}, so without it the year leaves every figure. Only validator archive writes it; "
        "do not delete or move it",
    ),
    "archive-summary-changed": (
        "摘要已在 {base} 上合并,不能再改:这一行({line})与 {base} 上的不同。摘要记下的是该年的"
        "结论(接收时间、状态),只由 validator archive 生成一次;请撤销对它的改动。",
        "the archive summary was merged on {base} and may not change: this line ({line}) differs "
        "from {base}'s. It holds the year's verdicts (received times, states), written once by "
        "validator archive; undo the change",
    ),
    "archive-summary-branch": (
        "摘要与归档分支 {branch} 上的不同:这一行({line})被改过。摘要记下的是该年的"
        "结论(接收时间、状态),只由 validator archive 生成一次;请撤销对它的改动。",
        "the archive summary differs from the one on the archive branch {branch}: this line "
        "({line}) was changed. It holds the year's verdicts (received times, states), written "
        "once by validator archive; undo the change",
    ),
    "archive-summary-unrecorded": (
        "{base} 上有 {count} 份 {year} 年的报告没有记在摘要中(如 {examples}):它们是在归档之后"
        "合并的,请在最新的 {base} 上重新归档。",
        "{count} report(s) of {year} on {base} are not recorded in the summary (e.g. {examples}): "
        "they were merged after the archive was made; archive again on the latest {base}",
    ),
    "archive-summary-state": (
        "归档摘要中 {path} 的状态写的是 {state},按其接收时间与截止时间应为 {expected}:"
        "摘要被改动过,请从归档分支重新生成。",
        "the archive summary says {state} for {path}, but its received time and deadline make it "
        "{expected}: the summary was edited; generate it again from the archive branch",
    ),
    "archive-summary-due": (
        "归档摘要中 {path} 的截止时间与归档时(摘要的 base 提交)的 policy.yaml 算出的不同:"
        "摘要被改动过,请从归档分支重新生成。",
        "the archive summary's deadline for {path} differs from the one the policy gave when "
        "the year was archived (the summary's base commit): the summary was edited; generate "
        "it again from the archive branch",
    ),
    "archive-summary-blob": (
        "归档摘要中 {path} 的内容编号(blob)与归档分支 {branch} 上的文件不同:摘要或归档分支被改动过。",
        "the archive summary's blob for {path} is not the file on the archive branch {branch}: "
        "the summary or the branch was changed",
    ),
    "archive-period-filed": (
        "{year} 年已归档(见 archive/{year}.yaml),不能再提交该年的报告;如确需补交,请联系审核人。",
        "the year {year} is archived (see archive/{year}.yaml); its reports can no longer be "
        "submitted. Ask a reviewer if one must still be added",
    ),
    "archive-deleted": (
        "删除了已合并到 {base} 的报告,而 archive/ 下的归档摘要没有记下它:报告只能由 "
        "validator archive 移到归档分支,不能直接删除。",
        "a report merged to {base} is deleted, and no archive summary under archive/ records it: "
        "reports leave main only through validator archive",
    ),
    "green-unreadable": (
        "通过 validate 检查的记录(refs/notes/validator-green)无法读取,不能判断哪些报告绕过了检查:"
        "{reason}。请审核人查明这个引用被谁改写;删除它(git push origin "
        ":refs/notes/validator-green)后,下一次记录从头开始,main 上已有的报告都算作记录开始前合并的。",
        "the record of reports that passed the validate check (refs/notes/validator-green) "
        "cannot be read, so no one can tell which reports went around the check: {reason}. A "
        "reviewer should find out who overwrote the ref; once it is deleted (git push origin "
        ":refs/notes/validator-green) the next record starts afresh, taking every report on main "
        "as merged before it began.",
    ),
    "unvalidated": (
        "这份报告在 main 上,却没有通过 validate 检查的记录:它可能是绕过分支保护合并的。"
        "请审核人核对后,在拉取请求中重新检查,或在审核记录中说明。",
        "this report is on main but has no record of passing the validate check: it may have "
        "been merged around branch protection. A reviewer should look at it and re-check it in "
        "a pull request, or note why in the review record.",
    ),
    "backdated": (
        "提交 {commit} 的日期 {author_date} 早于截止时间 {due},但 {event_time} 才到达服务器"
        "(超出允许误差 {skew})。截止时间按报告到达服务器的时间算,请这样改正:\n"
        "1. 在报告中填写 late_reason,说明晚交的原因,然后 git add 这个文件;\n"
        "2. 运行 git commit --amend --no-edit --date=now 把提交日期改为现在,"
        "再 git push --force-with-lease。",
        "commit {commit} is dated {author_date}, before the deadline {due}, but reached the "
        "server at {event_time} (more than {skew} later). The deadline counts when the report "
        "reaches the server; to fix it:\n"
        "1. add a late_reason to the report saying why it is late, then git add the file;\n"
        "2. run git commit --amend --no-edit --date=now to date the commit now, then "
        "git push --force-with-lease.",
    ),
    "routing-unknown": (
        "{staff} 的 {field} “{target}” 不在 org/staff.yaml 中。",
        "{field} '{target}' of {staff} is not in org/staff.yaml",
    ),
    "routing-not-reviewer": (
        "{staff} 的 {field} “{target}” 不是审核人(role: reviewer),报告无法送达。",
        "{field} '{target}' of {staff} is not a reviewer (role: reviewer); reports cannot reach them",
    ),
    "codeowners-stale": (
        "{path} 与 org/staff.yaml 不一致,请运行 {command}。",
        "{path} does not match org/staff.yaml; run {command}",
    ),
    "codeowners-missing": (
        "缺少 {path},请运行 {command}。",
        "{path} is missing; run {command}",
    ),
}


# libyaml's most common complaints, in the reader's terms (both languages keep the original)
YAML_PROBLEMS_ZH = {
    "mapping values are not allowed here": "此处不能出现“键: 值”(缩进不对,或值中含冒号需加引号)",
    "did not find expected key": "缩进不一致,或列表项缺少“- ”",
    "could not find expected ':'": "缺少“:”",
    "did not find expected ',' or ']'": "列表缺少“,”或“]”",
    "did not find expected ',' or '}'": "映射缺少“,”或“}”",
    "found unexpected end of stream": "文件意外结束(引号或括号未闭合?)",
    "mapping values are not allowed in this context": "此处不能出现“键: 值”(值中含冒号需加引号)",
    "found character that cannot start any token": "出现了不能开始值的字符(Tab 缩进?以 @ 或 ` 开头需加引号)",
    "did not find expected '-' indicator": "列表项缺少“- ”或缩进不一致",
    "found unknown escape character": "双引号文本中有未知的转义字符(反斜杠需写成两个,或改用单引号)",
    "found a tab character that violates indentation": "不能用 Tab 缩进,请改用空格",
    "expected <block end>, but found '<block sequence start>'": "列表缩进不一致",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found '<scalar>'": "缩进不一致",
    # a hostile file's, named too: the reader of a Chinese message may read no English
    "exceeded maximum nesting depth": "嵌套层次过深",
    "but found another document": "一个文件只能有一份 YAML 文档,“---” 开始了第二份",
}


#: the Chinese name of every value of a closed list in the formats, for messages that list them
CHOICE_ZH = {
    # work items (weekly)
    "station": "授权站",
    "training": "培训",
    "complaint": "投诉",
    "parts": "备件",
    "operator": "局方",
    "sales": "销售",
    "other": "其他",
    # posts (JP 四(二)2) and roles
    "account_manager": "客户经理",
    "parts_admin": "备件管理员",
    "technician": "技术员",
    "channel_assistant": "渠道助理",
    "staff": "外派人员",
    "reviewer": "审核人",
    # expenses and approvals
    "travel": "出差",
    "reception": "接待",
    "transport": "交通",
    "lodging": "住宿",
    "communication": "通信",
    "office": "办公",
    # incidents
    "regulator": "管理部门",
    "consumer_association": "消费者协会",
    "media": "媒体",
    "open": "处理中",
    "resolved": "已解决",
    # handover
    "transfer": "调动",
    "rotation": "轮换",
    "departure": "离职",
    # policy
    "monday": "星期一",
    "tuesday": "星期二",
    "wednesday": "星期三",
    "thursday": "星期四",
    "friday": "星期五",
    "saturday": "星期六",
    "sunday": "星期日",
}


@dataclass(frozen=True)
class Choices:
    """The allowed values of a closed list: `training(培训)、…` in Chinese, `training, …` in
    English, so a reader sees what to type and what it means."""

    values: tuple[str, ...]
    names_zh: tuple[str, ...] = ()  # the Chinese names, when the caller knows them better

    def render(self, lang: str) -> str:
        if lang == "en":
            return ", ".join(self.values)
        names = dict(zip(self.values, self.names_zh, strict=False)) or CHOICE_ZH
        return "、".join(f"{v}({names[v]})" if v in names else v for v in self.values)


@dataclass(frozen=True)
class Place:
    """Where in a file: `work 第 2 条的 date`, in English `work item 2, date`. Items are counted
    from 1, as the report form and anyone reading the file count them."""

    parts: tuple[str | int, ...]

    def render(self, lang: str) -> str:
        if not self.parts:
            return "(top level)" if lang == "en" else "(根)"
        text, after_item = "", False
        for part in self.parts:
            if isinstance(part, int):
                text += f" item {part + 1}" if lang == "en" else f" 第 {part + 1} 条"
            elif after_item:
                text += f", {part}" if lang == "en" else f"的 {part}"
            else:
                text += f".{part}" if text else part
            after_item = isinstance(part, int)
        return text


@dataclass(frozen=True)
class Nested:
    """A message used as an argument of another, rendered in the same language."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()


def both_languages(key: str, args: dict[str, Any]) -> str:
    """The catalog entry `key` as a usage error says it: Chinese, then English."""
    return f"{render(key, 'zh', args)} / {render(key, 'en', args)}"


def render(key: str, lang: str, args: dict[str, Any]) -> str:
    """Format the catalog entry `key` in `lang` (`en`, else Chinese)."""
    zh, en = CATALOG[key]
    template = en if lang == "en" else zh
    values = {
        name: render(value.key, lang, dict(value.args))
        if isinstance(value, Nested)
        else value.render(lang)
        if isinstance(value, Choices | Place)
        else value
        for name, value in args.items()
    }
    return template.format(**values)
