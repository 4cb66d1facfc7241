/*
 * What the report form carries on as `validator new` does (a part of docs/form/form.js, which
 * loads it; see PARTS there): a monthly report's stock entries, one per region of the author's
 * postings, and the spare units of the last monthly report.
 */
(function (parts) {
  "use strict";

  var addDays = parts.addDays;
  var dayRange = parts.dayRange;
  var Form = parts.Form;
  var rangeOf = parts.rangeOf;
  var serialOf = parts.serialOf;

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
})(window.reportFormParts);
