/*
 * The report form (docs/form/index.md): a form built from the published JSON Schema of each
 * report kind, live checks in Chinese, the YAML it makes (copy, download) and a link that opens
 * the Git host's "new file" page with the file name and content filled in.
 *
 * Loaded on every page through `extra_javascript`; it does nothing unless the page has
 * #report-form, and only then loads the vendored libraries (docs/assets/vendor/, from npm, see
 * package.json): @json-editor/json-editor for the form, js-yaml for the YAML. Everything is
 * fetched from this site; nothing leaves the browser.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript ? document.currentScript.src : window.location.href;
  var LIBS = [
    "../assets/vendor/js-yaml/js-yaml.min.js",
    "../assets/vendor/json-editor/jsoneditor.js",
  ];
  var KINDS = {
    weekly: { period: "week", name: "周报" },
    monthly: { period: "month", name: "月报" },
    expenses: { period: "month", name: "报销" },
    incidents: { period: "occurred_at", name: "突发事件" },
    handover: { period: "date", name: "工作交接" },
  };
  var WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var SLUG = /^[a-z0-9][a-z0-9-]{0,47}$/;
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/; // a date as check reads it (models/common.py)
  var ID_PATTERN = "^[a-z][a-z0-9-]{1,31}$"; // a 工号's or region id's pattern in the schemas
  var BLANK_ENDS = /^[\s\u3000]+|[\s\u3000]+$/g;
  // Blank as check sees it: only what Python's str.isspace() calls space (the `\S` pattern),
  // not JavaScript's trim() (which takes U+FEFF and leaves U+0085).
  var BLANK = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  var MAX_BYTES = 256 * 1024; // reading/loader.py MAX_BYTES
  // the fields that name a region, as each kind's regions_named() (validator/kinds/*.py):
  // weekly, incidents and handover `regions`, monthly faulty stock and replacements `region`
  var REGION_PATH = /^root\.(?:regions\.\d+|(?:faulty_stock|replacements)\.\d+\.region)$/;
  var REGION_ID = /^[a-z][a-z0-9-]{1,31}$/; // a region id's pattern: others fail the schema
  function blank(text) {
    return BLANK.test(text);
  }
  /** Full-width digits, point and signs (a Chinese IME) as ASCII; in a number the IME's
   * full stop 。 is the point. */
  function halfWidth(text) {
    return text
      .replace(/[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      })
      .replace(/\u3002/g, ".");
  }
  /** Every full-width ASCII character (２０２６－Ｗ４７, １４：３０) and the ideographic space as
   * ASCII: what a Chinese IME types into a field whose format is ASCII only. */
  function asciiWidth(text) {
    return text
      .replace(/[\uFF01-\uFF5E]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      })
      .replace(/\u3000/g, " ");
  }
  /** A stock entry as the form fills it in: 0 units (or none yet) and no note. */
  function zeroStock(entry) {
    return (entry.units === undefined || entry.units === 0) && !entry.note;
  }
  /** A spare unit as `validator new monthly` carries it on (kinds/monthly.py unit_line): as the
   * month before wrote it, without `returned`; an archived month's serial alone, the rest left
   * for the writer. */
  function unitAsNew(unit) {
    if (typeof unit === "string") return { serial: unit, holder: "", loaned: "", due: "" };
    var out = { serial: unit.serial };
    if (unit.model) out.model = unit.model;
    out.holder = unit.holder;
    out.loaned = unit.loaned;
    out.due = unit.due;
    return out;
  }
  /** A unit's serial, as a handover lists it (`handover-units`). */
  function serialOf(unit) {
    return typeof unit === "string" ? unit : unit.serial;
  }
  var UNIT_FIELDS = ["serial", "model", "holder", "loaned", "due", "returned"];
  /** Whether the spare units `held` are `want` (units or serials), field by field. */
  function sameUnits(held, want) {
    return held.length === want.length && held.every(function (unit, i) {
      var other = want[i];
      if (typeof other === "string" || typeof unit !== "object" || !unit) return unit === other;
      return UNIT_FIELDS.every(function (key) {
        var a = unit[key] === undefined || unit[key] === null ? "" : String(unit[key]);
        var b = other[key] === undefined || other[key] === null ? "" : String(other[key]);
        return a === b;
      });
    });
  }
  /** A message of check's with the page's values in its `{name}` placeholders. */
  function filled(template, values) {
    return Object.keys(values).reduce(function (text, name) {
      return text.split("{" + name + "}").join(values[name]);
    }, template);
  }
  function pad2(n) {
    return (n < 10 ? "0" : "") + n;
  }
  /** A moment as check's messages say it (core/timeutil.py stamp): the local time in `tz` to the
   * second, and its offset ("2026-11-23 13:00:00 +0800"). */
  function checkStamp(instant, tz) {
    var local = zoned(new Date(instant), tz);
    var wall = local.day.getTime() + local.seconds * 1000;
    var offset = Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
    var size = Math.abs(offset);
    return isoDate(local.day) + " " + local.time + ":" + pad2(local.seconds % 60) + " " +
      (offset < 0 ? "-" : "+") + pad2(Math.floor(size / 60)) + pad2(size % 60);
  }
  /** The characters matched between `a` and `b` as Python's difflib.SequenceMatcher(None, a, b)
   * matches them (no junk: ids are far shorter than its 200-character heuristic). */
  function matchedChars(a, b) {
    var b2j = Object.create(null);
    b.forEach(function (c, j) {
      (b2j[c] = b2j[c] || []).push(j);
    });
    var total = 0;
    var queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop();
      var alo = q[0], ahi = q[1], blo = q[2], bhi = q[3];
      var besti = alo, bestj = blo, bestsize = 0;
      var j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {};
        var js = b2j[a[i]] || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (next[j] = (j2len[j - 1] || 0) + 1);
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
        j2len = next;
      }
      if (!bestsize) continue;
      total += bestsize;
      if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj]);
      if (besti + bestsize < ahi && bestj + bestsize < bhi) {
        queue.push([besti + bestsize, ahi, bestj + bestsize, bhi]);
      }
    }
    return total;
  }
  /** The id check's `unknown-staff` suggests for `word` (rules/references.py: difflib's
   * get_close_matches(word, ids, n=1, cutoff=0.7)), or null. */
  function closeMatch(word, ids) {
    var b = Array.from(word);
    var best = null;
    var bestScore = -1;
    ids.forEach(function (id) {
      var a = Array.from(id);
      var score = a.length + b.length ? (2 * matchedChars(a, b)) / (a.length + b.length) : 1;
      if (score < 0.7) return;
      // the largest (score, id), as heapq.nlargest takes it
      if (score > bestScore || (score === bestScore && id > best)) {
        best = id;
        bestScore = score;
      }
    });
    return best;
  }
  // check's message (validator/core/messages.py, items-or-no-claims)
  var ITEMS_OR_NO_CLAIMS =
    "须列出 items(本月的费用),或写 no_claims: true(本月没有要报销的费用),两者只能选一。";
  var ZH = {
    error_notset: "必须填写",
    error_notempty: "不能为空",
    error_enum: "请从列表中选择",
    error_const: "取值不对",
    error_anyOf: "取值不符合要求",
    error_oneOf: "取值不符合要求",
    error_not: "取值不符合要求",
    error_type_union: "类型不对",
    error_type: "应为 {{0}} 类型",
    error_multipleOf: "应为 {{0}} 的整数倍",
    error_maximum_excl: "应小于 {{0}}",
    error_maximum_incl: "不能大于 {{0}}",
    error_minimum_excl: "应大于 {{0}}",
    error_minimum_incl: "不能小于 {{0}}",
    error_maxLength: "不能超过 {{0}} 个字",
    error_minLength: "至少 {{0}} 个字",
    error_pattern: "格式不对",
    error_additionalItems: "不允许更多条目",
    error_maxItems: "最多 {{0}} 条",
    error_minItems: "至少需要 {{0}} 条",
    error_uniqueItems: "条目不能重复",
    error_maxProperties: "字段太多",
    error_minProperties: "字段太少",
    error_required: "缺少必填项 {{0}}",
    error_additional_properties: "不允许的字段 {{0}}",
    error_dependency: "还需要填写 {{0}}",
    error_date: "日期格式应为 {{0}}",
    error_time: "时间格式应为 {{0}}",
    error_datetime_local: "时间格式应为 {{0}}",
    button_save: "保存",
    button_copy: "复制",
    button_cancel: "取消",
    button_add: "添加",
    button_delete_all: "全部",
    button_delete_all_title: "全部删除",
    button_delete_last: "最后一条{{0}}",
    button_delete_last_title: "删除最后一条{{0}}",
    button_add_row_title: "添加{{0}}",
    button_move_down_title: "下移",
    button_move_up_title: "上移",
    button_properties: "字段",
    button_object_properties: "字段",
    button_copy_row_title: "复制{{0}}",
    button_delete_row_title: "删除{{0}}",
    button_delete_row_title_short: "删除",
    button_copy_row_title_short: "复制",
    button_collapse: "折叠",
    button_expand: "展开",
    button_edit_json: "编辑 JSON",
    default_array_item_title: "条目",
    table_controls: "操作",
  };
  // by pattern, written with [0-9] as the schemas write digits (hintOf reads \\d as [0-9] too)
  var PATTERN_HINTS = {
    "^[a-z][a-z0-9-]{1,31}$": "应为小写字母开头的英文、数字与连字符,例如 li-ming",
    "^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$": "应为 ISO 周,例如 2026-W47",
    "^[0-9]{4}-(0[1-9]|1[0-2])$": "应为月份,例如 2026-10",
  };
  function hintOf(pattern) {
    return PATTERN_HINTS[pattern.replace(/\\d/g, "[0-9]")];
  }
  var STYLE =
    ".report-form [hidden]{display:none!important}" +
    ".report-form label{display:block;margin:.4em 0}" +
    ".report-form input,.report-form select,.report-form textarea{font:inherit;max-width:100%;" +
    "padding:.2em .3em;border:1px solid var(--md-default-fg-color--lighter);border-radius:.2em;" +
    "background:var(--md-default-bg-color);color:var(--md-default-fg-color)}" +
    ".report-form textarea{width:100%;min-height:4em}" +
    ".report-form .errmsg,.rf-errors{color:#c62828}" +
    ".report-form .rf-warnings-box{color:#8a5300;border-left:.25em solid #f0a020;" +
    "padding:.1em .6em;margin:.4em 0}" +
    ".report-form .rf-warnings-box p{margin:.2em 0;font-weight:bold}" +
    ".report-form [data-schematype] button{font:inherit;margin:.2em .3em .2em 0;cursor:pointer}" +
    ".report-form .rf-status.rf-ok{color:#2e7d32}" +
    ".report-form .md-button[aria-disabled=true]{opacity:.5;cursor:not-allowed}";

  function url(relative) {
    return new URL(relative, SCRIPT).href;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var existing = document.querySelector('script[data-rf-src="' + src + '"]');
      if (existing) {
        resolve();
        return;
      }
      var tag = document.createElement("script");
      tag.src = src;
      tag.setAttribute("data-rf-src", src);
      tag.onload = function () {
        resolve();
      };
      tag.onerror = function () {
        reject(new Error("cannot load " + src));
      };
      document.head.appendChild(tag);
    });
  }

  function loadLibraries() {
    return LIBS.reduce(function (chain, lib) {
      return chain.then(function () {
        return loadScript(url(lib));
      });
    }, Promise.resolve());
  }

  // --- time: the period due next, in the organization's time zone ---------------------------

  function zoned(now, tz) {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .forEach(function (p) {
        parts[p.type] = p.value;
      });
    var day = new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day));
    var seconds = (+parts.hour * 60 + +parts.minute) * 60 + +parts.second;
    return { day: day, time: parts.hour + ":" + parts.minute, seconds: seconds };
  }

  function addDays(day, n) {
    return new Date(day.getTime() + n * 86400000);
  }

  function isoDate(day) {
    return day.toISOString().slice(0, 10);
  }

  function isoWeekday(day) {
    return (day.getUTCDay() + 6) % 7; // Monday = 0
  }

  function weekText(day) {
    var thursday = addDays(day, 3 - isoWeekday(day));
    var year = thursday.getUTCFullYear();
    var week = Math.floor((thursday - Date.UTC(year, 0, 1)) / 86400000 / 7) + 1;
    return year + "-W" + (week < 10 ? "0" : "") + week;
  }

  function weekRange(text) {
    var m = /^(\d{4})-W(\d{2})$/.exec(text || "");
    if (!m) return null;
    var jan4 = new Date(Date.UTC(+m[1], 0, 4));
    var monday = addDays(jan4, -isoWeekday(jan4) + 7 * (+m[2] - 1));
    if (weekText(monday) !== text) return null;
    return [monday, addDays(monday, 6)];
  }

  function monthText(day) {
    var m = day.getUTCMonth() + 1;
    return day.getUTCFullYear() + "-" + (m < 10 ? "0" : "") + m;
  }

  function monthRange(text) {
    var m = /^(\d{4})-(\d{2})$/.exec(text || "");
    if (!m || +m[2] < 1 || +m[2] > 12) return null;
    return [new Date(Date.UTC(+m[1], +m[2] - 1, 1)), new Date(Date.UTC(+m[1], +m[2], 0))];
  }

  // The period proposed is the one `validator new` proposes when its file is not there yet: the
  // week (month) just ended, also past its deadline, since the page cannot see the repository.
  // Then the form opens late_reason and offers the current period for those who handed it in.

  function periodOfDay(kind, day) {
    return kind === "weekly" ? weekText(day) : monthText(day);
  }

  /** A handover's period is its date: a day that exists. */
  function dayRange(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return isoDate(day) === text ? [day, day] : null;
  }

  function rangeOfPeriod(kind, text) {
    if (kind === "weekly") return weekRange(text);
    if (kind === "monthly" || kind === "expenses") return monthRange(text);
    if (kind === "handover") return dayRange(text);
    return null;
  }

  function lastPeriod(kind, local) {
    if (kind === "weekly") return weekText(addDays(local.day, -7));
    var first = new Date(Date.UTC(local.day.getUTCFullYear(), local.day.getUTCMonth(), 1));
    return monthText(addDays(first, -1));
  }

  function nextPeriod(kind, text) {
    var range = rangeOfPeriod(kind, text);
    return range ? periodOfDay(kind, addDays(range[1], 1)) : null;
  }

  /** The deadline of a period as local "YYYY-MM-DD HH:MM" (kinds/weekly.py, monthly.py,
   * handover.py). */
  function deadlineOf(kind, text, config) {
    var range = rangeOfPeriod(kind, text);
    if (!range) return null;
    if (kind === "handover") {
      // the window after the midnight that ends the handover's date, on the wall clock
      // (handover.window_closes)
      var window = durationMs(config.handover_due);
      if (window === null) return null;
      var closes = new Date(addDays(range[0], 1).getTime() + window);
      return isoDate(closes) + " " + closes.toISOString().slice(11, 16);
    }
    if (kind === "weekly") {
      var due = config.weekly_due;
      return isoDate(addDays(range[0], 7 + WEEKDAYS.indexOf(due.weekday))) + " " + due.time;
    }
    var rule = kind === "monthly" ? config.monthly_due : config.expenses_due;
    var next = addDays(range[1], 1);
    var day = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), rule.day));
    return isoDate(day) + " " + rule.time;
  }

  // --- moments: as `validator check` reads them ---------------------------------------------

  /** Milliseconds from the epoch to `wall` (a UTC timestamp holding a local wall time) read in
   * zone `tz`, as Python's replace(tzinfo=ZoneInfo(tz)) reads a naive time. */
  function wallToInstant(wall, tz) {
    var instant = wall;
    for (var i = 0; i < 3; i++) {
      var local = zoned(new Date(instant), tz);
      var seen = local.day.getTime() + local.seconds * 1000;
      instant += wall - seen;
    }
    return instant;
  }

  function stampOf(instant, tz) {
    var local = zoned(new Date(instant), tz);
    return { day: isoDate(local.day), text: isoDate(local.day) + " " + local.time };
  }

  // models/common.py _DATETIME, then datetime.fromisoformat's own limits
  var DATETIME =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;
  var NO_SUCH_MOMENT =
    "没有这个日期或时间;应为日期时间,格式 YYYY-MM-DDTHH:MM(可带时区,如 +08:00)";

  /** occurred_at as check reads it: { instant, day, text } in zone `tz`, { problem } when check
   * refuses it, null when it does not even look like a time (the schema's pattern says so). */
  function readMoment(text, tz, years) {
    var m = DATETIME.exec(typeof text === "string" ? text : "");
    if (!m) return null;
    var n = m.slice(1, 7).map(function (part) {
      return +(part || 0);
    });
    var day = new Date(0);
    day.setUTCFullYear(n[0], n[1] - 1, n[2]);
    var offset = m[8] && m[8] !== "Z" ? +m[10] * 60 + +m[11] : 0;
    if (
      n[1] < 1 || n[1] > 12 || day.getUTCMonth() !== n[1] - 1 || day.getUTCDate() !== n[2] ||
      n[3] > 23 || n[4] > 59 || n[5] > 59 || offset >= 24 * 60
    ) {
      return { problem: NO_SUCH_MOMENT };
    }
    if (n[0] < years[0] || n[0] > years[1]) {
      return { problem: "年份应在 " + years[0] + " 至 " + years[1] + " 之间" };
    }
    var wall = day.getTime() + ((n[3] * 60 + n[4]) * 60 + n[5]) * 1000 +
      Math.floor(+("0." + (m[7] || "0")) * 1000);
    var instant = m[8]
      ? wall - (m[9] === "-" ? -1 : 1) * offset * 60000
      : wallToInstant(wall, tz);
    var stamp = stampOf(instant, tz);
    return { instant: instant, day: stamp.day, text: stamp.text };
  }

  /** `24h`, `2d`, `30m`, `90s` in milliseconds (models/org.py parse_duration), or null. */
  function durationMs(text) {
    var m = /^([0-9]+)\s*([smhd])$/.exec(String(text || "").trim());
    return m ? +m[1] * { s: 1, m: 60, h: 3600, d: 86400 }[m[2]] * 1000 : null;
  }

  // --- schema: the published schema, shaped for the form ------------------------------------

  function resolveRefs(node, defs) {
    if (Array.isArray(node)) {
      return node.map(function (item) {
        return resolveRefs(item, defs);
      });
    }
    if (!node || typeof node !== "object") return node;
    var out = {};
    Object.keys(node).forEach(function (key) {
      if (["$ref", "allOf", "definitions", "$schema", "$comment"].indexOf(key) < 0) {
        out[key] = resolveRefs(node[key], defs);
      }
    });
    var ref = node.$ref || (node.allOf && node.allOf.length === 1 && node.allOf[0].$ref);
    if (ref) {
      var target = resolveRefs(defs[ref.replace("#/definitions/", "")], defs);
      out = Object.assign({}, target, out);
    }
    return out;
  }

  function enumTitles(node) {
    var names = {};
    var re = /([a-z_]+) ([^、。|,]+)/g;
    var m;
    while ((m = re.exec(node.description || ""))) names[m[1]] = m[2].trim();
    return node.enum.map(function (value) {
      return names[value] ? value + "(" + names[value] + ")" : value;
    });
  }

  function shape(node) {
    if (node.anyOf) {
      var others = node.anyOf.filter(function (s) {
        return s.type !== "null";
      });
      if (others.length === 1) {
        var merged = Object.assign({}, others[0], node);
        delete merged.anyOf;
        if (merged.default === null) delete merged.default;
        node = merged;
      }
    }
    node.options = Object.assign({}, node.options);
    // json-editor's 「应为 number 类型」 names a JSON type: say what to write instead (the only
    // number of the reports is an amount in yuan)
    if (node.type === "number" || node.type === "integer") {
      node.options.error_messages = {
        zh: {
          error_type: node.type === "number"
            ? "应填数字(不带单位、逗号或 ¥),例如 1280.50"
            : "应填整数(不带单位),例如 12",
        },
      };
    }
    // json-editor reads the draft-04 form: a boolean beside minimum / maximum.
    if (typeof node.exclusiveMinimum === "number") {
      node.minimum = node.exclusiveMinimum;
      node.exclusiveMinimum = true;
    }
    if (typeof node.exclusiveMaximum === "number") {
      node.maximum = node.exclusiveMaximum;
      node.exclusiveMaximum = true;
    }
    if (node.type === "string") {
      if (node.minLength === 1) {
        // "blank" is one check with one message, like `validator check` says it.
        delete node.minLength;
        node.nonblank = true;
      }
      if (node.pattern === "\\S") delete node.pattern;
      if (node.pattern && hintOf(node.pattern)) {
        node.options.patternmessage = hintOf(node.pattern);
      } else if (node.pattern && /\[T \]/.test(node.pattern)) {
        node.options.patternmessage = "应为日期和时间,例如 2026-11-20 14:30";
      }
      if (node.enum) node.options.enum_titles = enumTitles(node);
      if (node.maxLength > 200) node.format = "textarea";
      if (node.format === "date") {
        // json-editor's own check of a date's shape refuses "" too: an item just added, its
        // date not picked yet, was told both 「不能为空」 and 「日期格式应为 …」. Ours checks the
        // shape of a date written (installValidator); the field is still a date input (a
        // phone's date picker) through options.format.
        delete node.format;
        node.options.format = "date";
        node.isDate = true;
      }
      if (node.maxLength) {
        // check counts characters (code points), json-editor UTF-16 units: ours counts
        node.maxChars = node.maxLength;
        delete node.maxLength;
      }
    }
    if (node.type === "object" && node.properties) {
      var required = node.required || [];
      Object.keys(node.properties).forEach(function (key) {
        var prop = shape(node.properties[key]);
        if (required.indexOf(key) >= 0 && prop.type === "string" && !prop.enum) {
          prop.nonblank = true;
        }
        if (prop.nonblank && prop.pattern) {
          // Checked by our validator only once the field has text: a blank field gets one
          // message, "不能为空", not also a complaint about its format.
          prop.textPattern = { pattern: prop.pattern, message: prop.options.patternmessage };
          delete prop.pattern;
        }
        node.properties[key] = prop;
      });
    }
    if (node.type === "array" && node.items) {
      node.items = shape(node.items);
      // an item without a title made the buttons 「添加条目」, 「删除条目」: they say what they add
      if (!node.items.title && node.title) node.items.title = node.title;
      node.options.disable_array_delete_all_rows = true;
      node.options.disable_array_delete_last_row = true;
    }
    return node;
  }

  /** A region field: its pattern checked by our validator (which says it with a region as the
   * example, not the schemas' staff id), and never blank (the pattern refuses "" too). */
  function regionField(node) {
    if (node.pattern) {
      node.textPattern = { pattern: node.pattern };
      delete node.pattern;
    }
    node.nonblank = true;
  }

  function formSchema(published) {
    var schema = shape(resolveRefs(published, published.definitions || {}));
    var props = schema.properties;
    var items = props.items && props.items.items && props.items.items.properties;
    if (items && items.amount) items.amount.cents = true;
    if (props.items && props.no_claims) {
      // The root oneOf of expenses (items, or no_claims: true) would make json-editor a switcher
      // between two branches that each refuse every other field: our validator checks that rule
      // instead, with check's message, and items may all be removed for a no-claims month.
      delete schema.oneOf;
      delete props.items.minItems;
      props.items.itemsOrNoClaims = true;
    }
    // A region's format is said with a region as the example (formSchema's regionField).
    if (props.regions && props.regions.items) regionField(props.regions.items);
    ["faulty_stock", "replacements"].forEach(function (key) {
      var item = props[key] && props[key].items && props[key].items.properties;
      if (item && item.region) regionField(item.region);
    });
    // late_reason is asked last: it only matters when the report is late.
    if (props.late_reason) {
      var late = props.late_reason;
      delete props.late_reason;
      props.late_reason = late;
    }
    return schema;
  }

  // --- value: what the YAML file holds -------------------------------------------------------

  function isEmpty(v) {
    return v === "" || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  }

  /** The value in schema order, without optional fields left empty. */
  function clean(value, schema) {
    if (schema.properties && schema.properties.no_claims && value && value.no_claims === true) {
      value = Object.assign({}, value); // a month with nothing to claim lists no items
      delete value.items;
    }
    if (Array.isArray(value)) {
      return value.map(function (item) {
        return clean(item, schema.items || {});
      });
    }
    if (value === 0) return 0; // -0 would be written -0.0, which check refuses as an integer
    if (!value || typeof value !== "object" || !schema.properties) return value;
    var required = schema.required || [];
    var out = {};
    Object.keys(schema.properties).forEach(function (key) {
      if (!(key in value)) return;
      var v = clean(value[key], schema.properties[key]);
      if (required.indexOf(key) < 0 && isEmpty(v)) return;
      out[key] = v;
    });
    return out;
  }

  function startValue(kind, config, now, staff, period) {
    var local = zoned(now, config.timezone);
    if (kind === "weekly") {
      var week = period || lastPeriod(kind, local);
      return {
        staff: staff,
        week: week,
        summary: "",
        work: [{ date: isoDate(weekRange(week)[0]), description: "" }],
        plan: [""],
      };
    }
    if (kind === "monthly" || kind === "expenses") {
      var month = period || lastPeriod(kind, local);
      var first = isoDate(monthRange(month)[0]);
      if (kind === "monthly") {
        return { staff: staff, month: month, summary: "", faulty_stock: [{ region: "", units: 0 }] };
      }
      return {
        staff: staff,
        month: month,
        items: [{ date: first, category: "transport", amount: 0, description: "" }],
      };
    }
    if (kind === "handover") {
      // as `validator new handover`: dated today, the regions still to be named
      return {
        staff: staff,
        date: period || isoDate(local.day),
        reason: "transfer",
        regions: [""],
      };
    }
    return {
      staff: staff,
      occurred_at: isoDate(local.day) + " " + local.time,
      title: "",
      channel: "regulator",
      parties: [""],
      summary: "",
      status: "open",
    };
  }

  function periodOf(kind, value, slug, config) {
    if (kind === "incidents") {
      var moment = readMoment(value.occurred_at, config.timezone, config.years);
      return moment && !moment.problem && SLUG.test(slug) ? moment.day + "-" + slug : null;
    }
    var text = value[KINDS[kind].period];
    var year = /^(\d{4})-/.exec(text || "");
    if (!year || +year[1] < config.years[0] || +year[1] > config.years[1]) return null;
    return rangeOfPeriod(kind, text) ? text : null;
  }

  /** The dates the form put in for period `from` (an item's date on its first day) that move
   * with the period to `to`: [{top, index, date}], `date` the first day of `to`. */
  function datesMoved(kind, value, from, to) {
    var left = rangeOfPeriod(kind, from);
    var range = rangeOfPeriod(kind, to);
    var moved = [];
    if (!left || !range) return moved;
    ["work", "items"].forEach(function (top) {
      (Array.isArray(value[top]) ? value[top] : []).forEach(function (item, index) {
        if (item && item.date === isoDate(left[0])) {
          moved.push({ top: top, index: index, date: isoDate(range[0]) });
        }
      });
    });
    return moved;
  }

  // the kinds whose period `validator new` moves on from when its report is filed (the others
  // are dated by their event: today)
  var FOLLOWS_FILED = ["weekly", "monthly", "expenses"];

  var PERIOD_SHAPE = {
    weekly: /^\d{4}-W\d{2}$/,
    monthly: /^\d{4}-\d{2}$/,
    expenses: /^\d{4}-\d{2}$/,
    handover: /^\d{4}-\d{2}-\d{2}$/,
  };

  /** What check says of the period: a file name that is no period (unexpected-file), a period
   * or an incident that has not begun (future-period), a time that does not exist. */
  function periodProblems(kind, value, slug, config, now) {
    var field = "root." + KINDS[kind].period;
    var text = value[KINDS[kind].period];
    var problem = function (message) {
      return [{ path: field, property: "period", message: message }];
    };
    var start;
    var name = text;
    if (kind === "incidents") {
      var moment = readMoment(text, config.timezone, config.years);
      if (!moment) return [];
      if (moment.problem) return problem(moment.problem);
      start = moment.instant;
      name = moment.day + "-" + slug;
    } else {
      if (!PERIOD_SHAPE[kind] || !PERIOD_SHAPE[kind].test(text || "")) return [];
      var year = +text.slice(0, 4);
      if (year < config.years[0] || year > config.years[1]) {
        return problem(
          "“" + text + "” 的年份应在 " + config.years[0] + " 至 " + config.years[1] + " 之间"
        );
      }
      var range = rangeOfPeriod(kind, text);
      if (!range) {
        if (kind === "handover") return []; // the date field says 没有这个日期
        var example = KINDS[kind].example || (kind === "weekly" ? "2026-W47" : "2026-10");
        return problem("“" + text + "” 不是合法的" + KINDS[kind].name + "期间(应为 " + example + ")");
      }
      start = wallToInstant(range[0].getTime(), config.timezone);
    }
    if (start > now.getTime()) {
      return problem(
        "期间 " + name + " 从 " + stampOf(start, config.timezone).text + " 开始,还没有到,不能提前提交。"
      );
    }
    return [];
  }

  function rangeOf(kind, value) {
    return kind === "incidents" ? null : rangeOfPeriod(kind, value[KINDS[kind].period]);
  }

  // --- drafts: what was typed, kept in this tab (sessionStorage) ------------------------------

  var DRAFT = "report-form-draft:";

  function readDraft(kind) {
    try {
      var draft = JSON.parse(window.sessionStorage.getItem(DRAFT + kind) || "null");
      return draft && draft.value && typeof draft.value === "object" ? draft : null;
    } catch (e) {
      return null; // storage disabled, or not ours
    }
  }

  function writeDraft(kind, draft) {
    try {
      if (draft) window.sessionStorage.setItem(DRAFT + kind, JSON.stringify(draft));
      else window.sessionStorage.removeItem(DRAFT + kind);
    } catch (e) {
      /* storage may be disabled or full: the form works without */
    }
  }

  // --- the page ------------------------------------------------------------------------------

  function Form(root, libs) {
    this.root = root;
    this.JSONEditor = libs.JSONEditor;
    this.yaml = libs.jsyaml;
    this.config = JSON.parse(root.getAttribute("data-config") || "{}");
    this.config.timezone = this.config.timezone || "Asia/Shanghai";
    if (this.config.kinds) KINDS = this.config.kinds; // the table of report kinds, from the build
    this.config.weekly_due = this.config.weekly_due || { weekday: "monday", time: "13:00" };
    this.config.monthly_due = this.config.monthly_due || { day: 5, time: "18:00" };
    this.config.expenses_due = this.config.expenses_due || { day: 10, time: "00:00" };
    this.config.incidents_due = this.config.incidents_due || "24h";
    this.config.handover_due = this.config.handover_due || "7d";
    this.config.years = this.config.years || [1970, 9998];
    // "now" runs on while the page is open (a phone left open past a deadline): from the
    // build's pinned moment, if any, as from the device's clock (tick)
    this.pinned = this.config.now ? Date.parse(this.config.now) : null;
    this.opened = Date.now();
    this.tick();
    this.roster = null;
    // 工号 -> postings ({regions, from, to}), from an internal build's roster.json; null where
    // the build publishes none, and then the stock regions are left to check
    this.postings = null;
    // 工号 -> approvals ({id, kind, from, to, approved_on}), likewise; null where the build
    // publishes none, and then only a missing approval is the form's to say
    this.approvals = null;
    // the monthly form's stock entries as it filled them in ({regions, untouched}), or null
    this.filledStock = null;
    // 工号 -> the files of their reports as of the build ({path: true}), from an internal
    // build's status/data/people/<id>.json, fetched once per id (asked: id -> true); an id
    // whose fetch failed or is still on its way is not in it, and the form is as without
    this.filed = Object.create(null);
    this.filedAsked = Object.create(null);
    // 工号 -> the spare units each monthly report of theirs on file left out on loan, month by
    // month ([{month, units}], units as written there or an archived month's serials), from the
    // same data; an id not in it is not known, and the form fills in no units for it
    this.unitsOut = Object.create(null);
    // the spare units the form filled in (as `validator new`), while they are as it filled them;
    // once the user changes them they are the user's (unitsMine) and stay
    this.filledUnits = null;
    this.unitsMine = false;
    // the period the form proposed itself ({base: the one due next when none is filed,
    // period: the one it holds now}), while the user has not typed or chosen one; else null
    this.own = null;
    // org/regions.yaml's ids; null when check does not know them (the file is broken)
    this.regions = null;
    // region name -> ids (广州 -> guangzhou), for who types the name
    this.regionNames = Object.create(null);
    if (Array.isArray(this.config.regions)) {
      this.regions = Object.create(null); // no "constructor" or "toString" among the ids
      var names = this.config.region_names || {};
      var list = root.querySelector("#rf-regions");
      this.config.regions.forEach(function (id) {
        this.regions[id] = true;
        var name = typeof names[id] === "string" ? names[id] : "";
        if (name) (this.regionNames[name] = this.regionNames[name] || []).push(id);
        if (list) {
          var option = document.createElement("option");
          option.value = id;
          option.label = name || id;
          option.textContent = name || id;
          list.appendChild(option);
        }
      }, this);
    }
    this.schemas = {};
    this.editor = null;
    this.$ = function (id) {
      return root.querySelector("#" + id);
    };
  }

  /** Set now, today and nowText (local "YYYY-MM-DD HH:MM") to this moment: check judges the
   * file by when it is committed, not by when the page was loaded. */
  Form.prototype.tick = function () {
    var ms = this.pinned === null ? Date.now() : this.pinned + (Date.now() - this.opened);
    if (this.now && Math.floor(ms / 1000) === Math.floor(this.now.getTime() / 1000)) return;
    this.now = new Date(ms);
    var local = zoned(this.now, this.config.timezone);
    this.today = local.day;
    this.nowText = isoDate(local.day) + " " + local.time;
  };

  /** Whether the deadline passed (or the late note came to apply) since the form last said
   * what is wrong: then it checks the report again. */
  Form.prototype.overtaken = function () {
    if (!this.editor || !this.editor.ready || this.shownLate === undefined) return false;
    if (this.facts().late === this.shownLate) return false;
    this.editor.onChange();
    return true;
  };

  Form.prototype.start = function () {
    var self = this;
    var kindSelect = this.$("rf-kind");
    var fromHash = window.location.hash.replace("#", "");
    if (KINDS[fromHash]) kindSelect.value = fromHash;
    kindSelect.addEventListener("change", function () {
      history.replaceState(null, "", "#" + kindSelect.value);
      self.show(kindSelect.value);
    });
    this.$("rf-slug").addEventListener("input", function () {
      self.touched = true;
      self.update();
    });
    // Anything the user does in the form (typing, a date picked, an item added or removed)
    // makes it worth keeping; the values the form starts with are not.
    ["input", "change", "click"].forEach(function (type) {
      self.$("rf-editor").addEventListener(type, function (event) {
        self.touched = true;
        // a period typed or chosen is the user's: the form no longer moves it (followFiled)
        var name = event.target && event.target.getAttribute && event.target.getAttribute("name");
        if (type !== "click" && self.own && name === "root[" + KINDS[self.kind].period + "]") {
          self.own = null;
        }
      }, true);
    });
    this.$("rf-draft").addEventListener("click", function (event) {
      if (event.target.tagName !== "BUTTON") return;
      writeDraft(self.kind, null);
      self.touched = false;
      self.$("rf-slug").value = self.$("rf-slug").defaultValue;
      self.show(self.kind, undefined, true);
    });
    this.$("rf-slug").addEventListener("change", function () {
      // ｔｉａｎｈｅ from a Chinese IME; Tianhe and "tianhe " from a phone keyboard (its capital
      // first letter, the space after a suggested word), as a 工号 is taken (asIdOrPeriod)
      var ascii = asciiWidth(this.value).replace(BLANK_ENDS, "");
      if (/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(ascii)) ascii = ascii.toLowerCase();
      if (ascii !== this.value) {
        this.value = ascii;
        self.update();
      }
    });
    this.$("rf-copy").addEventListener("click", function () {
      self.copy();
    });
    this.$("rf-download").addEventListener("click", function () {
      self.download();
    });
    // While the form lists problems the link is marked disabled but keeps its href (a link a
    // screen reader still announces): a tap, Enter or an assistive click must not open the host's
    // page with a file check refuses; it brings the list of problems into view instead.
    this.$("rf-create").addEventListener("click", function (event) {
      if (this.getAttribute("aria-disabled") !== "true" && !self.overtaken()) {
        if (self.pasteOnHost()) self.copy(); // to paste into the host's page (updateCreate)
        return;
      }
      event.preventDefault();
      var status = self.$("rf-status");
      status.setAttribute("tabindex", "-1");
      status.scrollIntoView({ block: "start" });
      status.focus({ preventScroll: true });
    });
    this.installValidator();
    // nothing typed while a deadline passes (a phone left open): the form says so all the same;
    // a form whose page was swapped out (Material's instant navigation, coming back, starts a
    // new one) stops, rather than check and write its 工号 and draft over the new one's
    var editorBox = this.$("rf-editor");
    var timer = window.setInterval(awake, 10000);
    document.addEventListener("visibilitychange", awake);
    function awake() {
      if (document.contains(editorBox)) {
        self.overtaken();
        return;
      }
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", awake);
    }
    var roster = this.config.roster
      ? this.loadRoster()
      : this.config.ids
        ? this.loadIds()
        : Promise.resolve();
    this.$("rf-late").addEventListener("click", function (event) {
      var next = event.target.getAttribute("data-period");
      if (next) self.moveTo(next);
    });
    return roster.then(function () {
      return self.show(kindSelect.value);
    });
  };

  Form.prototype.loadRoster = function () {
    var self = this;
    return fetch(url("roster.json"))
      .then(function (r) {
        return r.ok ? r.json() : [];
      })
      .then(function (entries) {
        var list = self.$("rf-roster");
        self.roster = Object.create(null); // no "constructor" or "toString" among the ids
        self.names = Object.create(null); // name -> ids, for who types a name as 工号
        self.postings = Object.create(null);
        self.approvals = Object.create(null);
        entries.forEach(function (e) {
          self.roster[e.id] = e.name;
          if (Array.isArray(e.postings)) self.postings[e.id] = e.postings;
          if (Array.isArray(e.approvals)) self.approvals[e.id] = e.approvals;
          if (e.name) (self.names[e.name] = self.names[e.name] || []).push(e.id);
          var option = document.createElement("option");
          option.value = e.id;
          option.textContent = e.name;
          list.appendChild(option);
        });
      })
      .catch(function () {
        self.roster = null;
      });
  };

  /** Public builds: the ids alone (form/ids.json), to catch a mistyped 工号; no names. */
  Form.prototype.loadIds = function () {
    var self = this;
    return fetch(url("ids.json"))
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (ids) {
        if (!Array.isArray(ids)) return;
        self.roster = Object.create(null);
        ids.forEach(function (id) {
          self.roster[id] = "";
        });
      })
      .catch(function () {
        self.roster = null;
      });
  };

  /** The report as it stands and whether its period's deadline has passed. */
  Form.prototype.facts = function () {
    this.tick();
    var value = clean(this.editor.getValue() || {}, this.schemas[this.kind]);
    var period, due, late;
    if (this.kind === "incidents") {
      // due within `reports.incidents.due_within` of occurred_at (kinds/incidents.py)
      var moment = readMoment(value.occurred_at, this.config.timezone, this.config.years);
      var within = durationMs(this.config.incidents_due);
      var dueAt = moment && !moment.problem && within !== null ? moment.instant + within : null;
      period = moment && moment.day;
      due = dueAt === null ? null : stampOf(dueAt, this.config.timezone).text;
      late = dueAt !== null && this.now.getTime() >= dueAt;
    } else {
      period = value[KINDS[this.kind].period];
      due = period ? deadlineOf(this.kind, period, this.config) : null;
      late = !!due && this.nowText >= due;
    }
    // as `validator new` writes it: an empty late_reason stays in the file, to be filled in
    if (late && !("late_reason" in value)) value.late_reason = "";
    var dueInstant = this.kind === "incidents"
      ? dueAt
      : due && wallToInstant(Date.parse(due.replace(" ", "T") + ":00Z"), this.config.timezone);
    return { value: value, period: period, due: due, late: late, dueAt: dueInstant };
  };

  /** A date outside the period: the period to switch to when every date of the list lies in
   * one other period that has begun, else null. */
  Form.prototype.suggestPeriod = function (top, value) {
    var kind = this.kind;
    var dates = (value[top] || [])
      .map(function (item) {
        return item && item.date;
      })
      .filter(function (d) {
        return typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d);
      });
    if (!dates.length) return null;
    var periods = dates.map(function (d) {
      return periodOfDay(kind, new Date(d + "T00:00:00Z"));
    });
    var other = periods[0];
    var current = periodOfDay(kind, this.today);
    var same = periods.every(function (p) {
      return p === other;
    });
    return same && other !== value[KINDS[kind].period] && other <= current ? other : null;
  };

  /** Internal builds: the reports `id` (a 工号 of the roster) has filed as of the build, from
   * the status viewer's data of that person, fetched once; a failed fetch leaves none known. */
  Form.prototype.loadFiled = function (id) {
    var self = this;
    var where = this.config.filed;
    if (!where || !this.roster || typeof id !== "string" || !(id in this.roster)) return;
    if (this.filedAsked[id]) return;
    this.filedAsked[id] = true;
    fetch(url(where.split("{id}").join(encodeURIComponent(id))))
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (person) {
        if (!person || !Array.isArray(person.reports)) return;
        var files = Object.create(null);
        person.reports.forEach(function (report) {
          if (report && typeof report.file === "string") files[report.file] = true;
        });
        self.filed[id] = files;
        if (Array.isArray(person.units_out)) self.unitsOut[id] = person.units_out;
        if (self.editor && self.editor.ready) self.editor.onChange();
      })
      .catch(function () {
        /* the form stays as without: check says it */
      });
  };

  /** Whether the file at `path` is among the reports `id` filed as of the build. */
  Form.prototype.isFiled = function (id, path) {
    var files = this.filed[id];
    return !!files && path in files;
  };

  /** As `validator new` (features/newreport.py next_period): the period due next whose report
   * `id` has not filed, the one just ended, else the current one; both filed: the current one
   * (which the form then refuses, as check does). */
  Form.prototype.proposal = function (id, base) {
    var kind = this.kind;
    var next = nextPeriod(kind, base);
    var candidates = next ? [base, next] : [base];
    for (var i = 0; i < candidates.length; i++) {
      if (!this.isFiled(id, "submissions/" + id + "/" + kind + "/" + candidates[i] + ".yaml")) {
        return candidates[i];
      }
    }
    return candidates[candidates.length - 1];
  };

  /** While the period is the form's own, it follows the reports the 工号 has filed: the next
   * one due, as `validator new` proposes it, and a short note says why; a date the form had put
   * in (the period's first day) moves with it. Whether it changed the period. */
  Form.prototype.followFiled = function (value) {
    var own = this.own;
    var field = own && this.editor.getEditor("root." + KINDS[this.kind].period);
    var note = this.$("rf-filed");
    var held = field && value[KINDS[this.kind].period] === own.period;
    var proposed = held ? this.proposal(value.staff, own.base) : null;
    var changed = held && proposed !== own.period;
    if (changed) {
      var editor = this.editor;
      datesMoved(this.kind, value, own.period, proposed).forEach(function (d) {
        var date = editor.getEditor("root." + d.top + "." + d.index + ".date");
        if (date) date.setValue(d.date);
      });
      own.period = proposed;
      field.setValue(proposed);
      editor.onChange();
    }
    // the note changes with the period, not a frame later with json-editor's change event
    var moved = held && own.period !== own.base;
    if (note) {
      note.hidden = !moved;
      note.textContent = moved
        ? own.base + " 的" + KINDS[this.kind].name + "已提交,改填 " + own.period + "。"
        : "";
    }
    return changed;
  };

  /** As `validator new monthly`: once the 工号 is known, the untouched first stock entry (no
   * region, 0 units) becomes one entry per region of the author's postings that month. While
   * those entries are as the form filled them (0 units, no note) they follow the 工号 and the
   * month, back to the untouched entry where there is no posting; a typed figure or note makes
   * them the writer's. Whether it changed them. */
  Form.prototype.fillStockRegions = function (value) {
    var stock = value.faulty_stock;
    var field = this.editor.getEditor("root.faulty_stock");
    if (this.kind !== "monthly" || !field || !Array.isArray(stock)) return false;
    var filled = this.filledStock; // what this editor filled in: {regions, untouched}
    var untouched = stock.length === 1 && stock[0] && !stock[0].region && zeroStock(stock[0]);
    var asFilled = !!filled && stock.length === filled.regions.length &&
      stock.every(function (entry, i) {
        return entry && entry.region === filled.regions[i] && zeroStock(entry);
      });
    if (!untouched && !asFilled) return false;
    var regions = this.postedRegions(value);
    if (untouched ? !regions.length : regions.join() === filled.regions.join()) return false;
    this.filledStock = regions.length
      ? { regions: regions, untouched: untouched ? stock[0] : filled.untouched }
      : null;
    field.setValue(regions.length
      ? regions.map(function (region) {
        return { region: region, units: 0 };
      })
      : [filled.untouched]);
    // from the list up (not the editor's onChange alone): rows taken away do not tell the
    // report they are gone, which kept them in its value
    field.onChange(true);
    return true;
  };

  /** The monthly report whose spare units `validator new` carries into this report
   * (repo/on_file.py units_out): for a monthly report the latest one for a month before its
   * month, for a handover the latest one for a month begun by its date. {month, units}; null
   * when there is none (or it fails the schema); undefined when not known (no such data, or
   * not a report that carries units). */
  Form.prototype.carried = function (value) {
    var entries = typeof value.staff === "string" ? this.unitsOut[value.staff] : undefined;
    var by; // the months that count start before `by` (monthly) or on or before it (handover)
    if (!entries) return undefined;
    if (this.kind === "monthly") {
      if (!rangeOf("monthly", value)) return undefined;
      by = value.month + "-01";
    } else if (this.kind === "handover") {
      if (!dayRange(value.date)) return undefined;
      by = addDays(new Date(value.date + "T00:00:00Z"), 1).toISOString().slice(0, 10);
    } else {
      return undefined;
    }
    var found = null;
    entries.forEach(function (entry) {
      if (!entry || typeof entry.month !== "string") return;
      if (entry.month + "-01" < by && (!found || entry.month > found.month)) found = entry;
    });
    // the latest report fails the schema (units null): check and `validator new` carry nothing
    return found && Array.isArray(found.units) ? found : null;
  };

  /** As `validator new`: the untouched (empty) spare units of a monthly report become the units
   * the month before left out on loan, as written there; a handover's the serials of the latest
   * monthly report by its date, which `handover-units` compares. While they are as the form
   * filled them they follow the 工号 and the period (back to none where there are none, as
   * fillStockRegions does for the stock regions); a unit the user changed makes them the
   * user's. Whether it changed them. */
  Form.prototype.fillSpareUnits = function (value) {
    var kind = this.kind;
    var field = (kind === "monthly" || kind === "handover") &&
      this.editor.getEditor("root.spare_units");
    if (!field || this.unitsMine) return false;
    var held = Array.isArray(value.spare_units) ? value.spare_units : [];
    var filled = this.filledUnits; // {units, off: whether the field was off before}
    if (filled ? !sameUnits(held, filled.units) : held.length) {
      this.unitsMine = true;
      return false;
    }
    var found = this.carried(value);
    if (found === undefined) return false; // not known: as without
    var want = found ? found.units.map(kind === "monthly" ? unitAsNew : serialOf) : [];
    if (sameUnits(held, want)) return false;
    var off = filled ? filled.off : !field.isActive();
    this.filledUnits = want.length ? { units: want, off: off } : null;
    if (want.length && !field.isActive()) field.activate();
    field.setValue(want);
    if (!want.length && off && field.isActive()) field.deactivate();
    field.onChange(true);
    this.decorate(); // the optional field's button says 不填 or 添加 again
    return true;
  };

  /** check's warnings of the report ({path, message}), in its words: `spare-overdue` (a unit past
   * its due date and not returned by the end of the month, or today), `not-posted` (where the
   * build publishes the postings) and `handover-units` (where it publishes the person's units
   * out). They never keep the file from being created. */
  Form.prototype.warnings = function (value, period) {
    var config = this.config;
    var kind = this.kind;
    var found = [];
    var range = rangeOf(kind, value);
    if (kind === "monthly" && config.spare_overdue && range) {
      var today = isoDate(this.today);
      var on = isoDate(range[1]) < today ? isoDate(range[1]) : today;
      (Array.isArray(value.spare_units) ? value.spare_units : []).forEach(function (unit, i) {
        if (!unit || typeof unit !== "object" || !dayRange(unit.due)) return;
        if (typeof unit.returned === "string" && dayRange(unit.returned) && unit.returned <= on) {
          return;
        }
        if (unit.due < on) {
          found.push({
            path: "root.spare_units." + i + ".due",
            message: filled(config.spare_overdue, { serial: unit.serial, due: unit.due, on: on }),
          });
        }
      });
    }
    var postings = config.not_posted && this.postings && typeof value.staff === "string" &&
      this.postings[value.staff];
    var days = postings && period ? this.postingWindow(value) : null;
    if (days) {
      var posted = postings.some(function (p) {
        return p.from <= days[1] && (p.to === null || p.to >= days[0]);
      });
      if (!posted) {
        found.push({
          path: "root." + KINDS[kind].period,
          message: filled(config.not_posted, { staff: value.staff, period: period }),
        });
      }
    }
    var carried = kind === "handover" && config.handover_units ? this.carried(value) : null;
    if (carried) {
      var out = carried.units.map(serialOf);
      var held = Array.isArray(value.spare_units) ? value.spare_units : [];
      var missing = out.filter(function (serial) {
        return held.indexOf(serial) < 0;
      });
      var extra = held.filter(function (serial) {
        return out.indexOf(serial) < 0;
      });
      if (missing.length || extra.length) {
        found.push({
          path: "root.spare_units",
          message: filled(config.handover_units, {
            month: carried.month,
            missing: missing.join(", ") || "—",
            extra: extra.join(", ") || "—",
          }),
        });
      }
    }
    return found;
  };

  /** The days one of the author's postings must overlap (each kind's posting_window): the
   * period's, an incident's day, a handover's date and the days its window reaches back. */
  Form.prototype.postingWindow = function (value) {
    if (this.kind === "incidents") {
      var moment = readMoment(value.occurred_at, this.config.timezone, this.config.years);
      return moment && !moment.problem ? [moment.day, moment.day] : null;
    }
    var range = rangeOf(this.kind, value);
    if (!range) return null;
    var first = this.kind === "handover"
      ? addDays(range[0], -(+this.config.handover_reach || 0))
      : range[0];
    return [isoDate(first), isoDate(range[1])];
  };

  /** The regions of the author's postings in force on some day of the month, in roster order:
   * those check's `stock-region-missing` asks stock for (rules/spares.py,
   * Staff.regions_during). None where the build publishes no postings. */
  Form.prototype.postedRegions = function (value) {
    var postings = this.postings && this.config.stock_missing && this.postings[value.staff];
    var range = postings && rangeOf("monthly", value);
    if (!range) return [];
    var first = isoDate(range[0]);
    var last = isoDate(range[1]);
    var regions = [];
    postings.forEach(function (posting) {
      if (posting.from > last || (posting.to !== null && posting.to < first)) return;
      posting.regions.forEach(function (region) {
        if (regions.indexOf(region) < 0) regions.push(region);
      });
    });
    return regions;
  };

  /** The regions of the author's postings that month the monthly report gives no stock for:
   * check's `stock-region-missing`. */
  Form.prototype.missingStock = function (value) {
    var reported = (value.faulty_stock || []).map(function (stock) {
      return stock && stock.region;
    });
    return this.postedRegions(value).filter(function (region) {
      return reported.indexOf(region) < 0;
    });
  };

  /** check's approval rules (rules/expenses.py), item by item ({item, message}), in its words:
   * `approval-missing` for a trip or reception citing no approval, or (where the build
   * publishes the approvals) one that is not the author's, not of the item's kind or not
   * covering its day (message approval-unknown), and `approval-after-the-fact` for an approval
   * of the author's granted after the item's day, whatever the item's category. */
  Form.prototype.approvalProblems = function (value) {
    var needs = this.config.approval_missing || {};
    var approvals = this.approvals && (this.approvals[value.staff] || []);
    var config = this.config;
    var problems = [];
    (value.items || []).forEach(function (item, i) {
      if (!item || typeof item !== "object") return;
      var date = typeof item.date === "string" && DATE.test(item.date) ? item.date : null;
      var cited = typeof item.approval === "string" && !blank(item.approval) ? item.approval : "";
      var needed = Object.prototype.hasOwnProperty.call(needs, item.category);
      var say = function (template, values) {
        problems.push({ item: i, message: filled(template, values) });
      };
      if (needed && !cited) {
        // no day to say until the item has one (the date field says why)
        if (date) say(needs[item.category], { date: date });
        else problems.push({ item: i, message: "出差与接待须填写事先批准的审批编号" });
        return;
      }
      if (!approvals || !cited || !date) return;
      var found = null;
      approvals.forEach(function (approval) {
        if (approval.id === cited) found = approval;
      });
      var values = { approval: cited, staff: value.staff, date: date };
      if (
        needed &&
        (!found || found.kind !== item.category || date < found.from || date > found.to)
      ) {
        say(config.approval_unknown, values);
      }
      if (found && found.approved_on && found.approved_on > date) {
        values.approved_on = found.approved_on;
        say(config.approval_after, values);
      }
    });
    return problems;
  };

  Form.prototype.installValidator = function () {
    var self = this;
    var validators = this.JSONEditor.defaults.custom_validators;
    if (validators.rfInstalled) return;
    validators.rfInstalled = true;
    validators.push(function (schema, value, path) {
      var errors = [];
      if (!self.editor) return errors;
      var ready = self.editor.ready; // the checks of the whole report: getValue() throws before
      if (schema.nonblank && typeof value === "string" && blank(value)) {
        errors.push({ path: path, property: "nonblank", message: "不能为空" });
      }
      if (schema.maxChars && typeof value === "string" && Array.from(value).length > schema.maxChars) {
        errors.push({ path: path, property: "maxChars", message: "最多 " + schema.maxChars + " 个字符" });
      }
      if (typeof value === "string" && LONE_SURROGATE.test(value)) {
        errors.push({ path: path, property: "surrogate", message: "含有无法保存的字符(不成对的代理项)" });
      }
      if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
        errors.push({ path: path, property: "safe", message: "数字太大,浏览器无法准确保存" });
      }
      var tp = schema.textPattern;
      if (tp && typeof value === "string" && !blank(value) && !new RegExp(tp.pattern).test(value)) {
        errors.push({
          path: path,
          property: "pattern",
          message: REGION_PATH.test(path) ? self.regionHint() : tp.message || "格式不对",
        });
      }
      if (ready && path === "root" && schema.properties.items && schema.properties.items.itemsOrNoClaims) {
        var claims = self.facts().value;
        if (!claims.no_claims && !(claims.items || []).length) {
          errors.push({ path: "root.items", property: "items", message: ITEMS_OR_NO_CLAIMS });
        }
      }
      if (schema.cents && typeof value === "number" && !/^\d+(\.\d{1,2})?$/.test(String(value))) {
        errors.push({ path: path, property: "cents", message: "最多两位小数(单位:元)" });
      }
      var lateFacts = ready && path === "root" ? self.facts() : null;
      if (lateFacts && lateFacts.late && blank(String(value.late_reason || ""))) {
        // check's `late` (rules/deadlines.py), received now: when the file would be committed
        var lateSaid = self.config.late && self.config.late[self.kind];
        errors.push({
          path: "root.late_reason",
          property: "late",
          message: lateSaid
            ? filled(lateSaid, {
              due: checkStamp(lateFacts.dueAt, self.config.timezone),
              received: checkStamp(self.now.getTime(), self.config.timezone),
            })
            : "已过截止时间,请说明逾期原因",
        });
      }
      var report = ready && path === "root" ? self.facts().value : null;
      if (report && self.kind === "monthly") {
        self.missingStock(report).forEach(function (region) {
          errors.push({
            path: "root.faulty_stock",
            property: "stock",
            message: filled(self.config.stock_missing, { region: region, month: report.month }),
          });
        });
      }
      if (report && self.kind === "expenses") {
        self.approvalProblems(report).forEach(function (problem) {
          errors.push({
            path: "root.items." + problem.item + ".approval",
            property: "approval",
            message: problem.message,
          });
        });
      }
      if (path === "root.staff" && value && self.roster && !(value in self.roster)) {
        // check's `unknown-staff`, with the id it suggests (rules/references.py), and a button
        // that takes it
        var suggestion = closeMatch(value, Object.keys(self.roster));
        var config = self.config;
        errors.push({
          path: path,
          property: "roster",
          fix: suggestion ? { path: path, value: suggestion } : null,
          message: suggestion && config.unknown_staff_suggest
            ? filled(config.unknown_staff_suggest, { staff: value, suggestion: suggestion })
            : config.unknown_staff
              ? filled(config.unknown_staff, { staff: value })
              : "工号不在人员名册中",
        });
      }
      if (
        self.regions && REGION_PATH.test(path) && typeof value === "string" &&
        REGION_ID.test(value) && !(value in self.regions)
      ) {
        // as check's `unknown-region` (rules/references.py, each kind's regions_named())
        errors.push({
          path: path,
          property: "region",
          message: filled(self.config.unknown_region, { region: value }),
        });
      }
      if (schema.isDate && typeof value === "string" && !blank(value) && !DATE.test(value)) {
        errors.push({ path: path, property: "format", message: '日期格式应为 "YYYY-MM-DD"' });
      }
      var date = schema.isDate && DATE.exec(value || "");
      if (date) {
        // as check reads a date (models/common.py _to_date): one that exists, in the years
        var moment = readMoment(value + " 00:00", "UTC", self.config.years);
        if (moment && moment.problem) {
          errors.push({
            path: path,
            property: "date",
            message: moment.problem === NO_SUCH_MOMENT ? "没有这个日期" : moment.problem,
          });
        }
      }
      if (ready && schema.isDate && typeof value === "string" && value) {
        var current = self.facts().value;
        var range = rangeOf(self.kind, current);
        var top = path.split(".")[1];
        var occurred = self.kind === "incidents" && /^root\.updates\.\d+\.date$/.test(path)
          ? readMoment(current.occurred_at, self.config.timezone, self.config.years)
          : null;
        if (occurred && !occurred.problem && value < occurred.day) {
          // an update comes on or after the incident's day, there (kinds/incidents.py
          // date_window, date-before-occurred)
          errors.push({
            path: path,
            property: "period",
            message: filled(self.config.date_before_occurred, {
              date: value,
              start: occurred.day,
            }),
          });
        } else if (range && /^root\.spare_units\.\d+\.(?:loaned|returned)$/.test(path)) {
          // a unit lent in an earlier month and still out is listed again: only a loan or a
          // return after the month is refused (kinds/monthly.py date_window, date-after-period)
          if (value > isoDate(range[1])) {
            errors.push({
              path: path,
              property: "period",
              message: filled(self.config.date_after_period, {
                date: value,
                end: isoDate(range[1]),
              }),
            });
          }
        } else if (range && (top === "work" || top === "items")) {
          var first = isoDate(range[0]);
          var last = isoDate(range[1]);
          var other = self.suggestPeriod(top, current);
          if (value < first || value > last) {
            // check's date-out-of-period; where every date lies in one other period begun, a
            // button changes the period to it
            errors.push({
              path: path,
              property: "period",
              suggest: other,
              message: filled(self.config.date_out_of_period, {
                date: value,
                start: first,
                end: last,
              }),
            });
          }
        }
      }
      return errors;
    });
  };

  Form.prototype.fetchSchema = function (kind) {
    var self = this;
    if (this.schemas[kind]) return Promise.resolve(this.schemas[kind]);
    return fetch(url("../schemas/" + kind + ".schema.json"))
      .then(function (r) {
        if (!r.ok) throw new Error("schema " + kind + ": HTTP " + r.status);
        return r.json();
      })
      .then(function (published) {
        self.schemas[kind] = formSchema(published);
        return self.schemas[kind];
      });
  };

  /** Resolves once the form's editor, if any, has finished loading (it cannot be read or
   * destroyed before), whichever editor that is by then. */
  function whenLoaded(form) {
    var editor = form.editor;
    if (!editor || editor.ready || !editor.promise) return Promise.resolve();
    return editor.promise.then(
      function () {
        return whenLoaded(form);
      },
      function () {
        return whenLoaded(form);
      }
    );
  }

  /** Show the form of `kind`: for `period` (empty), `fresh` (empty, its draft forgotten), with
   * `moved` ({ value, slug, filledUnits, filledStock }: what was typed, moved to another
   * period, and the spare units and stock entries in it the form filled in), else its draft. */
  Form.prototype.show = function (kind, period, fresh, moved) {
    var self = this;
    // Kinds picked quickly one after another: the last one picked wins, whichever schema
    // arrives first; the others are dropped when they arrive.
    var ticket = (this.ticket = (this.ticket || 0) + 1);
    return this.fetchSchema(kind)
      .then(function (schema) {
        return whenLoaded(self).then(function () {
          return schema;
        });
      })
      .then(function (schema) {
        if (ticket === self.ticket) self.replaceEditor(kind, schema, period, fresh, moved);
      });
  };

  Form.prototype.replaceEditor = function (kind, schema, period, fresh, moved) {
    var self = this;
    var staff = "";
    var focused = document.activeElement;
    if (focused && focused !== document.body && self.$("rf-editor").contains(focused)) {
      // a field still focused would fire its change event into the destroyed editor (a
      // TypeError in json-editor) when it leaves the page: let it fire now, while it is alive
      focused.blur();
    }
    if (self.editor) {
      // the kind left keeps what was typed in it (moved: it is in `moved`, for its new period)
      if (self.editor.ready && !moved) self.saveDraft();
      staff = (self.editor.getValue() || {}).staff || "";
      self.editor.destroy();
      self.editor = null;
    }
    this.kind = kind;
    this.$("rf-slug-label").hidden = kind !== "incidents";
    // What was typed in this tab for this kind comes back after a reload, the back button or a
    // switch of kind (not after 清空重填); the late note's next period takes what was typed
    // (moveTo).
    try {
      staff = staff || window.localStorage.getItem("report-form-staff") || "";
    } catch (e) {
      /* storage may be disabled */
    }
    var draft = moved || (period || fresh ? null : readDraft(kind));
    // one phone, one tab, two people: a draft under another 工号 than the one the form holds
    // (or, after a reload, the last one written) is someone else's report, not to be shown or
    // filed by whoever has the phone now
    if (draft && staff && draft.value.staff && draft.value.staff !== staff) draft = null;
    this.touched = !!draft;
    // moved: the note stays as it was (what was restored, if anything, is still there)
    if (!moved) this.$("rf-draft").hidden = !draft;
    if (draft) {
      if (!draft.value.staff && staff) draft.value.staff = staff;
      this.$("rf-slug").value = draft.slug || this.$("rf-slug").value;
    }
    var JSONEditor = self.JSONEditor;
    JSONEditor.defaults.languages.zh = ZH;
    JSONEditor.defaults.language = "zh";
    schema.properties.staff.options = Object.assign({}, schema.properties.staff.options, {
      inputAttributes: { list: "rf-roster", autocomplete: "off", spellcheck: "false" },
    });
    var start = draft ? draft.value : startValue(kind, self.config, self.now, staff, period);
    // the period due next, the form's own until the user types or chooses one (followFiled)
    var own = !draft && !period && FOLLOWS_FILED.indexOf(kind) >= 0;
    self.own = own ? { base: start[KINDS[kind].period], period: start[KINDS[kind].period] } : null;
    var editor = new JSONEditor(self.$("rf-editor"), {
      schema: schema,
      startval: start,
      theme: "html",
      iconlib: null,
      ajax: false,
      show_errors: "interaction",
      show_opt_in: true,
      disable_edit_json: true,
      disable_properties: true,
      disable_collapse: true,
      prompt_before_delete: false,
      no_additional_properties: true,
      required_by_default: false,
      use_name_attributes: true,
    });
    // json-editor joins an input's messages English-style ("a. b."); say them the Chinese way.
    var addInputError = editor.theme.addInputError;
    editor.theme.addInputError = function (input, text) {
      var messages = text.replace(/\.$/, "").split(". ");
      return addInputError.call(this, input, messages.join(";"));
    };
    self.editor = editor;
    // the stock entries this editor filled in (fillStockRegions) and the spare units
    // (fillSpareUnits): those moved with what was typed, as they were
    self.filledStock = (moved && moved.filledStock) || null;
    self.filledUnits = (moved && moved.filledUnits) || null;
    self.unitsMine = false;
    // Nothing the form said of the editor it replaced stays under this one: its notes, problems,
    // file and name go now, and the first check of this one runs as soon as it is built (the
    // same task, before the page is drawn), not a frame later with json-editor's ready event.
    self.clearNotes();
    editor.promise.then(function () {
      if (self.editor === editor && editor.ready) self.update();
    });
    editor.on("ready", function () {
      self.update();
    });
    editor.on("change", function () {
      self.update();
    });
  };

  /** The late note's 「改填 <next>」: what was typed moves to period `next` (the user typed it
   * for that period, having handed the late one in), without late_reason, which it does not
   * need; an item's date the form had put in (the first day of the period left) becomes the
   * first day of `next`. It is kept as the kind's draft, as typing there would keep it. */
  Form.prototype.moveTo = function (next) {
    var kind = this.kind;
    if (!this.editor || !this.editor.ready) return this.show(kind, next);
    var value = JSON.parse(JSON.stringify(this.editor.getValue() || {}));
    datesMoved(kind, value, value[KINDS[kind].period], next).forEach(function (d) {
      value[d.top][d.index].date = d.date;
    });
    value[KINDS[kind].period] = next;
    delete value.late_reason;
    // spare units the form filled in for the period left are still the form's: they follow
    // the period to the units `validator new` carries into `next` (fillSpareUnits); so do the
    // stock entries it filled in, to the regions of next month's postings (fillStockRegions,
    // which takes them as the form's while they are as it filled them)
    var units = this.unitsMine ? null : this.filledUnits;
    return this.show(kind, next, false, {
      value: value,
      slug: this.$("rf-slug").value,
      filledUnits: units,
      filledStock: this.filledStock,
    });
  };

  /** Clear what the form says of its report (the notes, problems, warnings, file and its name)
   * and mark the link to create the file disabled, until the next check says it again: for a new
   * editor, which must not show what was said of the one it replaced. */
  Form.prototype.clearNotes = function () {
    var late = this.$("rf-late");
    late.hidden = true;
    late.textContent = "";
    late.removeAttribute("data-key");
    this.lateFor = null; // the new editor's late_reason is opened again when it is late
    var filedNote = this.$("rf-filed");
    filedNote.hidden = true;
    filedNote.textContent = "";
    this.$("rf-errors").textContent = "";
    var status = this.$("rf-status");
    status.className = "rf-status";
    status.textContent = "";
    var warnings = this.$("rf-warnings");
    if (warnings) warnings.textContent = "";
    var box = this.$("rf-warnings-box");
    if (box) box.hidden = true;
    this.$("rf-yaml").textContent = "";
    this.$("rf-path").textContent = "";
    this.text = "";
    this.path = "";
    this.$("rf-create").setAttribute("aria-disabled", "true");
  };

  /** Keep what the form holds now for its kind (before the editor goes away). */
  Form.prototype.saveDraft = function () {
    if (!this.touched || !this.editor) return;
    var value = clean(this.editor.getValue() || {}, this.schemas[this.kind]);
    writeDraft(this.kind, { value: value, slug: this.$("rf-slug").value });
  };

  Form.prototype.update = function () {
    if (!this.editor || !this.editor.ready) return;
    var kind = this.kind;
    var schema = this.schemas[kind];
    this.decorate();
    var facts = this.facts();
    this.shownLate = facts.late;
    this.showLate(facts);
    var value = facts.value;
    if (this.halfWidthNumbers()) return; // changed: the change event comes back here
    if (this.fillStockRegions(value)) return; // likewise
    this.loadFiled(value.staff);
    if (this.followFiled(value)) return; // likewise
    if (this.fillSpareUnits(value)) return; // likewise
    var errors = this.editor.validate().slice(); // its cached results: never add to them
    var items = this.editor.getEditor("root.items");
    if (items && schema.properties.no_claims) {
      // a month with nothing to claim: the items are neither shown, nor checked, nor written
      var noClaims = value.no_claims === true;
      items.container.hidden = noClaims;
      if (noClaims) {
        errors = errors.filter(function (e) {
          return !/^root\.items(\.|$)/.test(e.path);
        });
      }
    }
    var slug = this.$("rf-slug").value;
    var period = periodOf(kind, value, slug, this.config);
    errors = errors.concat(periodProblems(kind, value, slug, this.config, this.now));
    var staffOk = /^[a-z][a-z0-9-]{1,31}$/.test(value.staff || "");
    var path = "submissions/" + (staffOk ? value.staff : "<工号>") + "/" + kind + "/" +
      (period || "<期间>") + ".yaml";
    if (kind === "incidents" && !SLUG.test(slug)) {
      errors.push({ path: "slug", message: "事件标识只能用小写英文、数字与连字符" });
    }
    if (staffOk && period && this.isFiled(value.staff, path)) {
      // check's modified-after-merge (pull-request mode): the file is already on the branch
      errors.push({
        path: "root." + KINDS[kind].period,
        property: "filed",
        message: this.config.modified_after_merge,
      });
    }
    if (staffOk) {
      try {
        window.localStorage.setItem("report-form-staff", value.staff);
      } catch (e) {
        /* storage may be disabled */
      }
    }
    var text =
      "# yaml-language-server: $schema=../../../docs/schemas/" + kind + ".schema.json\n" +
      this.yaml.dump(value, { lineWidth: -1, noRefs: true, forceQuotes: true, quotingType: '"' });
    if (new TextEncoder().encode(text).length > MAX_BYTES) {
      errors.push({ path: "root", message: "文件超过 " + MAX_BYTES / 1024 + " KiB 的上限。" });
    }
    this.text = text;
    this.path = path;
    if (this.touched) writeDraft(kind, { value: value, slug: slug });
    this.$("rf-yaml").textContent = text;
    this.$("rf-path").textContent = path;
    this.showErrors(errors, schema);
    this.showWarnings(period ? this.warnings(value, period) : [], schema);
    this.updateCreate(errors.length === 0 && staffOk && period !== null);
    // the form is ready once its first check has said what it finds (tests wait for this)
    if (!this.root.hasAttribute("data-rf-ready")) this.root.setAttribute("data-rf-ready", "1");
  };

  /** A number typed with full-width digits (１２.５) is held as text: make it the number it
   * says, as check would read it. A field with an ASCII format (工号, 周次, 月份, 发生时间: the
   * ones with a pattern) typed with full-width characters (２０２６－Ｗ４７, １４：３０, which look
   * like ASCII on a phone) gets them as ASCII. Whether anything was changed. */
  Form.prototype.halfWidthNumbers = function () {
    var self = this;
    var editors = this.editor.editors || {};
    var changed = false;
    Object.keys(editors).forEach(function (path) {
      var field = editors[path];
      if (!field || !field.schema) return;
      var pattern = field.schema.pattern || (field.schema.textPattern || {}).pattern;
      if (field.schema.type === "string" && pattern && typeof field.getValue() === "string") {
        var text = self.asIdOrPeriod(field.getValue(), pattern, path);
        if (text !== field.getValue()) {
          field.setValue(text);
          changed = true;
        }
        return;
      }
      if (["number", "integer"].indexOf(field.schema.type) < 0) return;
      var value = field.getValue();
      if (typeof value !== "string") return;
      var ascii = halfWidth(value).trim();
      if (ascii !== value && /^[+-]?\d+(\.\d+)?$/.test(ascii)) {
        field.setValue(Number(ascii));
        changed = true;
      }
    });
    if (changed) this.editor.onChange();
    return changed;
  };

  /** What a region field holds, with the organisation's first region as the example. */
  Form.prototype.regionHint = function () {
    var first = (this.config.regions || [])[0] || "guangzhou";
    var name = (this.config.region_names || {})[first];
    return "应为区域 id(小写英文、数字与连字符),例如 " + first + (name ? "(" + name + ")" : "");
  };

  /** A field with an ASCII format as its writer meant it: full-width characters as ASCII, no
   * space around it (a phone keyboard adds one after a suggested word), a 工号 in lower case
   * (the keyboard capitalises the first letter) or, on an internal site, a staff member's name
   * as their 工号; a week's w as W. */
  Form.prototype.asIdOrPeriod = function (value, pattern, path) {
    var text = asciiWidth(value).replace(BLANK_ENDS, "");
    if (pattern === ID_PATTERN) {
      var ids = REGION_PATH.test(path)
        ? this.regionNames[text]
        : this.names && (path === "root.staff" || path === "root.successor")
          ? this.names[text]
          : null;
      if (ids && ids.length === 1) return ids[0];
      if (/^[A-Za-z][A-Za-z0-9-]*$/.test(text)) return text.toLowerCase();
    }
    if (/^[0-9]{4}-w[0-9]{2}$/.test(text)) return text.toUpperCase();
    return text;
  };

  /** Past the deadline: open late_reason, and say so, with this period for who handed it in. */
  Form.prototype.showLate = function (facts) {
    var note = this.$("rf-late");
    var late = this.editor.getEditor("root.late_reason");
    note.hidden = !facts.late;
    var key = facts.late ? this.kind + " " + facts.period + " " + facts.due : "";
    // Every change of the form comes here: rebuilding an unchanged note would swap the button
    // out from under a click that began while a field was still losing its focus.
    if (note.getAttribute("data-key") === key) return;
    note.setAttribute("data-key", key);
    note.textContent = "";
    if (!facts.late) {
      this.lateFor = null;
      return;
    }
    if (late && this.lateFor !== facts.period) {
      this.lateFor = facts.period;
      if (!late.isActive()) late.activate();
    }
    var name = KINDS[this.kind].name;
    note.appendChild(
      document.createTextNode(
        facts.period + " 的" + name + "已于 " + facts.due + " 截止,现在提交算逾期," +
          "请在最后填写「逾期原因」。"
      )
    );
    // a handover is dated by its event: there is no next one to write instead
    var next = this.kind === "handover" ? null : nextPeriod(this.kind, facts.period);
    var range = next && rangeOfPeriod(this.kind, next);
    if (range && isoDate(range[0]) <= isoDate(this.today)) {
      note.appendChild(document.createTextNode("如果 " + facts.period + " 的" + name + "已经提交:"));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.setAttribute("data-period", next);
      button.textContent = "改填 " + next;
      note.appendChild(button);
    }
  };

  /** Optional fields: a visible 「添加 …」 button instead of json-editor's opt-in checkbox (kept
   * hidden, it still holds the state); the developers' controls leave the page. */
  Form.prototype.decorate = function () {
    var self = this;
    var holder = this.$("rf-editor");
    var dev = ".je-modal, .json-editor-btntype-editjson, .json-editor-btntype-properties, " +
      ".json-editor-btntype-toggle";
    holder.querySelectorAll(dev).forEach(function (node) {
      node.remove();
    });
    // Numbers stay text inputs (full-width digits and 12.345 reach the check as typed), but a
    // phone opens its number keyboard for them.
    holder.querySelectorAll(
      '[data-schematype="number"] > * > input, [data-schematype="integer"] > * > input'
    ).forEach(function (input) {
      var type = input.closest("[data-schematype]").getAttribute("data-schematype");
      input.setAttribute("inputmode", type === "integer" ? "numeric" : "decimal");
    });
    // Ids, periods and times are ASCII with a fixed shape: a phone keyboard must not capitalise,
    // correct or spell-check them.
    Object.keys(this.editor.editors || {}).forEach(function (path) {
      var field = self.editor.editors[path];
      var input = field && field.input;
      if (!input || input.tagName !== "INPUT" || !field.schema) return;
      if (REGION_PATH.test(path) && self.regions) input.setAttribute("list", "rf-regions");
      if (field.schema.pattern || field.schema.textPattern) {
        input.setAttribute("autocapitalize", "none");
        input.setAttribute("autocorrect", "off");
        input.setAttribute("spellcheck", "false");
      }
    });
    holder.querySelectorAll("input.json-editor-opt-in").forEach(function (box) {
      var field = box.closest("[data-schemapath]");
      var path = field && field.getAttribute("data-schemapath");
      var child = path && self.editor.getEditor(path);
      if (!child) return;
      box.parentNode.classList.add("rf-optin-box");
      var button = field.querySelector(":scope > .rf-optin");
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "rf-optin";
        button.addEventListener("click", function () {
          var current = self.editor.getEditor(path);
          if (!current) return;
          if (current.isActive()) {
            current.deactivate();
          } else {
            current.activate();
            // a list opens with its first item, to type in at once (not a second 「添加 …」 tap)
            var rows = current.schema.type === "array" && current.getValue();
            if (Array.isArray(rows) && !rows.length && current.add_row_button) {
              current.add_row_button.click();
            }
          }
          self.decorate();
        });
        field.insertBefore(button, field.firstChild);
      }
      var active = child.isActive();
      button.textContent = (active ? "不填 " : "添加 ") + (child.schema.title || child.key);
      button.disabled = box.disabled;
      field.classList.toggle("rf-off", !active);
    });
  };

  Form.prototype.label = function (path, schema) {
    if (path === "slug") return "事件标识";
    var parts = path.split(".").slice(1);
    var node = schema;
    var words = [];
    parts.forEach(function (part) {
      if (!node) return;
      if (/^\d+$/.test(part) && node.items) {
        words.push("第 " + (+part + 1) + " 条");
        node = node.items;
      } else if (node.properties && node.properties[part]) {
        node = node.properties[part];
        words.push(node.title || part);
      } else {
        words.push(part);
        node = null;
      }
    });
    return words.join(" · ") || schema.title;
  };

  Form.prototype.showErrors = function (errors, schema) {
    var list = this.$("rf-errors");
    var status = this.$("rf-status");
    list.textContent = "";
    var self = this;
    errors.forEach(function (error) {
      var item = document.createElement("li");
      item.textContent = self.label(error.path, schema) + ":" + error.message;
      var fix = error.fix ||
        (error.suggest ? { path: "root." + KINDS[self.kind].period, value: error.suggest } : null);
      if (fix) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "rf-suggest";
        button.textContent = "改成 " + fix.value;
        button.addEventListener("click", function () {
          // a period chosen, as one typed, is the user's (followFiled)
          if (error.suggest) self.own = null;
          var field = self.editor.getEditor(fix.path);
          if (field) field.setValue(fix.value);
        });
        item.appendChild(button);
      }
      list.appendChild(item);
    });
    status.className = "rf-status" + (errors.length ? "" : " rf-ok");
    status.textContent = errors.length
      ? "还有 " + errors.length + " 处需要填写或修改:"
      : "检查通过,可以提交。";
  };

  /** check's warnings, under the problems: said, never in the way of creating the file. */
  Form.prototype.showWarnings = function (warnings, schema) {
    var list = this.$("rf-warnings");
    var box = this.$("rf-warnings-box");
    if (!list) return;
    list.textContent = "";
    var self = this;
    warnings.forEach(function (warning) {
      var item = document.createElement("li");
      item.textContent = self.label(warning.path, schema) + ":" + warning.message;
      list.appendChild(item);
    });
    if (box) box.hidden = !warnings.length;
  };

  // Longer links are cut by some servers and proxies (8 KiB request lines are common): then the
  // page asks for download and upload instead, as for a host with no prefilled new-file page.
  var MAX_LINK = 8000;

  function encodePath(path) {
    return path.split("/").map(encodeURIComponent).join("/");
  }

  // The host's new-file page for this.path and this.text (templates from reportform.py), or null.
  Form.prototype.createLink = function () {
    var page = this.config.new_file;
    if (!page || !/^https?:\/\//i.test(page.url)) return null;
    var slash = this.path.lastIndexOf("/");
    var dir = this.path.slice(0, slash);
    var inPath = page.url.indexOf("{dir}") >= 0; // then the name is the bare file name
    var name = inPath ? this.path.slice(slash + 1) : this.path;
    var href =
      page.url.replace("{dir}", encodePath(dir)) + (page.url.indexOf("?") >= 0 ? "&" : "?") +
      page.name + "=" + encodeURIComponent(name) + "&" + page.content + "=" +
      encodeURIComponent(this.text);
    return href.length > MAX_LINK ? null : href;
  };

  Form.prototype.updateCreate = function (ok) {
    var link = this.$("rf-create");
    var note = this.$("rf-create-note");
    var c = this.config;
    var href = this.createLink();
    if (!href) {
      link.hidden = true;
      link.removeAttribute("href");
      note.hidden = false;
      note.textContent = "";
      if (!c.git_host || !c.repository) {
        note.textContent =
          "站点没有配置代码托管平台(mkdocs.yml 的 extra.git_host 与 extra.repository),请复制或下载后提交。";
        return;
      }
      var dir = this.path.slice(0, this.path.lastIndexOf("/"));
      note.appendChild(
        document.createTextNode("请先下载 YAML 文件,然后上传到仓库的 " + dir + "/ 目录")
      );
      if (c.upload_url && /^https?:\/\//i.test(c.upload_url)) {
        var upload = document.createElement("a");
        upload.id = "rf-upload";
        upload.href = c.upload_url.replace("{dir}", encodePath(dir));
        upload.target = "_blank";
        upload.rel = "noopener";
        upload.textContent = "(打开上传页面)";
        note.appendChild(upload);
      }
      note.appendChild(document.createTextNode(",再发起合并请求。"));
      return;
    }
    link.hidden = false;
    link.href = href;
    link.setAttribute("aria-disabled", ok ? "false" : "true");
    var paste = this.pasteOnHost();
    note.hidden = ok && !paste;
    note.textContent = !ok
      ? "先改正上面的问题,再创建文件。"
      : paste
        ? "GitLab 打开的新建文件页面会填好文件名,但编辑区可能是空的:点上面的按钮时已同时复制 YAML," +
          "编辑区为空就长按粘贴,再提交(Commit)并发起合并请求。"
        : "";
  };

  /** GitLab's new-file page may fill only the name from its link, its editor ignoring the
   * content parameter (reported for some versions): the YAML goes to the clipboard, to paste
   * there. */
  Form.prototype.pasteOnHost = function () {
    return this.config.git_kind === "gitlab";
  };

  Form.prototype.copy = function () {
    var status = this.$("rf-status");
    var text = this.text;
    if (!text) return; // a new editor not checked yet (clearNotes)
    var done = function () {
      status.textContent = "已复制 YAML。";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        status.textContent = "无法写入剪贴板,请手动选中下面的 YAML 复制。";
      });
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    done();
  };

  Form.prototype.download = function () {
    if (!this.text || !this.path) return; // likewise
    var blob = new Blob([this.text], { type: "text/yaml;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = this.path.split("/").pop();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
  };

  function init() {
    var root = document.getElementById("report-form");
    if (!root || root.getAttribute("data-rf-started")) return;
    root.setAttribute("data-rf-started", "1");
    if (!document.getElementById("rf-style")) {
      var style = document.createElement("style");
      style.id = "rf-style";
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
    loadLibraries()
      .then(function () {
        var form = new Form(root, { JSONEditor: window.JSONEditor, jsyaml: window.jsyaml });
        window.reportForm = form;
        return form.start(); // data-rf-ready: set by the first check (Form.prototype.update)
      })
      .catch(function (error) {
        var status = root.querySelector("#rf-status");
        if (status) status.textContent = "表单加载失败:" + error.message;
        root.setAttribute("data-rf-error", String(error));
      });
  }

  // Material's instant navigation swaps pages without reloading scripts: follow document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
