/*
 * check's rules as the report form mirrors them (a part of docs/form/form.js, which loads it; see
 * PARTS there): the period a report is for and what check says of it, its warnings, the
 * postings and stock of the month, and the approval of expenses.
 */
(function (parts) {
  "use strict";

  var addDays = parts.addDays;
  var blank = parts.blank;
  var DATE = parts.DATE;
  var dayRange = parts.dayRange;
  var filled = parts.filled;
  var Form = parts.Form;
  var isoDate = parts.isoDate;
  var KINDS = parts.KINDS;
  var rangeOfPeriod = parts.rangeOfPeriod;
  var readMoment = parts.readMoment;
  var SLUG = parts.SLUG;
  var stampOf = parts.stampOf;
  var wallToInstant = parts.wallToInstant;

  /** A unit's serial, as a handover lists it (`handover-units`). */
  function serialOf(unit) {
    return typeof unit === "string" ? unit : unit.serial;
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

  parts.periodOf = periodOf;
  parts.periodProblems = periodProblems;
  parts.rangeOf = rangeOf;
  parts.serialOf = serialOf;
})(window.reportFormParts);
