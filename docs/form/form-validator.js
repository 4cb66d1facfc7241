/*
 * check's field rules as json-editor's validator (a part of docs/form/form.js, which loads it;
 * see PARTS there), in check's words, with the id difflib would suggest for an unknown 工号.
 */
(function (parts) {
  "use strict";

  var blank = parts.blank;
  var checkStamp = parts.checkStamp;
  var DATE = parts.DATE;
  var filled = parts.filled;
  var Form = parts.Form;
  var isoDate = parts.isoDate;
  var LONE_SURROGATE = parts.LONE_SURROGATE;
  var NO_SUCH_MOMENT = parts.NO_SUCH_MOMENT;
  var rangeOf = parts.rangeOf;
  var readMoment = parts.readMoment;
  var REGION_ID = parts.REGION_ID;
  var REGION_PATH = parts.REGION_PATH;

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
      if (schema.chooseOne && value === "") {
        errors.push({ path: path, property: "chooseOne", message: "请选择一项" });
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

  parts.closeMatch = closeMatch; // for the agreement test with difflib (test_form_agrees.py)
})(window.reportFormParts);
