/*
 * The report form's periods and moments (a part of docs/form/form.js, which loads it; see PARTS
 * there): weeks, months and days in the organization's time zone, the period due next, deadlines,
 * and times as `validator check` reads and stamps them.
 */
(function (parts) {
  "use strict";

  var WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
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

  parts.addDays = addDays;
  parts.checkStamp = checkStamp;
  parts.dayRange = dayRange;
  parts.deadlineOf = deadlineOf;
  parts.durationMs = durationMs;
  parts.isoDate = isoDate;
  parts.lastPeriod = lastPeriod;
  parts.monthRange = monthRange;
  parts.nextPeriod = nextPeriod;
  parts.NO_SUCH_MOMENT = NO_SUCH_MOMENT;
  parts.periodOfDay = periodOfDay;
  parts.rangeOfPeriod = rangeOfPeriod;
  parts.readMoment = readMoment;
  parts.stampOf = stampOf;
  parts.wallToInstant = wallToInstant;
  parts.weekRange = weekRange;
  parts.zoned = zoned;
})(window.reportFormParts);
