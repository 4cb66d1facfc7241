/*
 * The report form's editor (a part of docs/form/form.js, which loads it; see PARTS there): the
 * json-editor form of the kind shown, replaced when the kind or period changes, with the draft
 * typed in this tab kept and brought back.
 */
(function (parts) {
  "use strict";

  var clean = parts.clean;
  var FOLLOWS_FILED = parts.FOLLOWS_FILED;
  var Form = parts.Form;
  var KINDS = parts.KINDS;
  var readDraft = parts.readDraft;
  var startValue = parts.startValue;
  var writeDraft = parts.writeDraft;
  var ZH = parts.ZH;

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
    this.sayDone("");
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
})(window.reportFormParts);
