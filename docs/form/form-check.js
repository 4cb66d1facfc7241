/*
 * The report form's check (a part of docs/form/form.js, which loads it; see PARTS there): on
 * each change, what is wrong with the report, its file's name and its YAML, and whether the
 * host's new-file page may be opened.
 */
(function (parts) {
  "use strict";

  var Form = parts.Form;
  var KINDS = parts.KINDS;
  var MAX_BYTES = parts.MAX_BYTES;
  var periodOf = parts.periodOf;
  var periodProblems = parts.periodProblems;
  var SLUG = parts.SLUG;
  var SLUG_MAX = parts.SLUG_MAX;
  var writeDraft = parts.writeDraft;

  /** Check now what the form holds, for a button that takes the file: the tap on it takes the
   * focus from the field typed in last, whose change json-editor checks a frame later, and the
   * button took the report as it was before what was typed last. A check that changes a value
   * (update returns false) runs again, as the change would bring it back. */
  Form.prototype.settle = function () {
    for (var tries = 0; tries < 5 && this.editor && this.editor.ready; tries++) {
      this.editor.validation_results = this.editor.validate(this.editor.getValue());
      if (this.update()) return;
    }
  };

  /** Check the report and say what is found; false when it changed a value instead (its change
   * brings the check back). */
  Form.prototype.update = function () {
    if (!this.editor || !this.editor.ready) return false;
    var kind = this.kind;
    var schema = this.schemas[kind];
    this.decorate();
    var facts = this.facts();
    this.shownLate = facts.late;
    this.showLate(facts);
    var value = facts.value;
    if (this.halfWidthNumbers()) return false; // changed: the change event comes back here
    if (this.fillStockRegions(value)) return false; // likewise
    this.loadFiled(value.staff);
    if (this.followFiled(value)) return false; // likewise
    if (this.fillSpareUnits(value)) return false; // likewise
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
      // allowed characters, too many of them: say the limit, not the characters
      var tooLong = slug.length > SLUG_MAX && /^[a-z0-9][a-z0-9-]*$/.test(slug);
      errors.push({
        path: "slug",
        message: tooLong
          ? "事件标识最多 " + SLUG_MAX + " 个字符(现有 " + slug.length + " 个)"
          : "事件标识只能用小写英文、数字与连字符",
      });
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
    this.doneHolds(text); // what 复制 YAML or 下载文件 said, while it still holds
    if (this.touched) writeDraft(kind, { value: value, slug: slug });
    this.$("rf-yaml").textContent = text;
    this.$("rf-path").textContent = path;
    this.showErrors(errors, schema);
    this.showWarnings(period ? this.warnings(value, period) : [], schema);
    this.updateCreate(errors.length === 0 && staffOk && period !== null);
    // the form is ready once its first check has said what it finds (tests wait for this)
    if (!this.root.hasAttribute("data-rf-ready")) this.root.setAttribute("data-rf-ready", "1");
    return true;
  };
})(window.reportFormParts);
