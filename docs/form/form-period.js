/*
 * The period the report form is for (a part of docs/form/form.js, which loads it; see PARTS
 * there): the moment and the deadline, the period proposed and followed as the author's reports
 * are filed, what was typed moved to another period, and the late note.
 */
(function (parts) {
  "use strict";

  var clean = parts.clean;
  var deadlineOf = parts.deadlineOf;
  var durationMs = parts.durationMs;
  var Form = parts.Form;
  var isoDate = parts.isoDate;
  var KINDS = parts.KINDS;
  var nextPeriod = parts.nextPeriod;
  var periodOfDay = parts.periodOfDay;
  var rangeOfPeriod = parts.rangeOfPeriod;
  var readMoment = parts.readMoment;
  var stampOf = parts.stampOf;
  var url = parts.url;
  var wallToInstant = parts.wallToInstant;
  var zoned = parts.zoned;

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
   * what is wrong: then it checks the report again, as it does a late report, whose problem
   * says when it would be received (now, which moves on). A late report is not overtaken: its
   * tap on 在代码托管平台上创建文件 was refused however it was filled in. */
  Form.prototype.overtaken = function () {
    if (!this.editor || !this.editor.ready || this.shownLate === undefined) return false;
    var late = this.facts().late;
    if (late === this.shownLate && !late) return false;
    this.editor.onChange();
    return late !== this.shownLate;
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

  parts.FOLLOWS_FILED = FOLLOWS_FILED;
})(window.reportFormParts);
