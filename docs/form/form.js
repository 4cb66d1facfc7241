/*
 * The report form (docs/form/index.md): a form built from the published JSON Schema of each
 * report kind, live checks in Chinese, the YAML it makes (copy, download) and a link that opens
 * the Git host's "new file" page with the file name and content filled in.
 *
 * Loaded on every page through `extra_javascript`; it does nothing unless the page has
 * #report-form, and only then loads the vendored libraries (docs/assets/vendor/, from npm, see
 * package.json): @json-editor/json-editor for the form, js-yaml for the YAML. Everything is
 * fetched from this site; nothing leaves the browser.
 *
 * This file holds the Form and its start-up; the rest of the form is in parts beside it (PARTS:
 * text, periods and moments, the schema, check's rules, what `validator new` carries on, the
 * period followed, the validator, the fields, drafts and the host), loaded with the libraries
 * and only on the form's page. They share their code through window.reportFormParts.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript ? document.currentScript.src : window.location.href;
  var LIBS = [
    "../assets/vendor/js-yaml/js-yaml.min.js",
    "../assets/vendor/json-editor/jsoneditor.js",
  ];
  // the form's parts, beside this file, in this order: each takes what it needs from the ones
  // before it (and from this file: Form, KINDS, url) in window.reportFormParts
  var PARTS = [
    "form-text.js",
    "form-dates.js",
    "form-schema.js",
    "form-rules.js",
    "form-carry.js",
    "form-period.js",
    "form-validator.js",
    "form-fields.js",
    "form-host.js",
  ];
  var parts = (window.reportFormParts = window.reportFormParts || {});
  var KINDS = {
    weekly: { period: "week", name: "周报" },
    monthly: { period: "month", name: "月报" },
    expenses: { period: "month", name: "报销" },
    incidents: { period: "occurred_at", name: "突发事件" },
    handover: { period: "date", name: "工作交接" },
  };
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
      tag.async = false; // run in the order inserted, however they arrive
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

  /** The libraries, then the parts: asked for side by side (a phone on a slow intranet waited
   * for eleven round trips in a row), run one after another in this order. */
  function loadLibraries() {
    return Promise.all(
      LIBS.concat(PARTS).map(function (lib) {
        return loadScript(url(lib));
      })
    );
  }

  // what this file takes from its parts, once loadLibraries has loaded them (bindParts)
  var asciiWidth, BLANK_ENDS, clean, FOLLOWS_FILED, MAX_BYTES, periodOf, periodProblems;
  var readDraft, SLUG, startValue, writeDraft, ZH;

  function bindParts() {
    asciiWidth = parts.asciiWidth;
    BLANK_ENDS = parts.BLANK_ENDS;
    clean = parts.clean;
    FOLLOWS_FILED = parts.FOLLOWS_FILED;
    MAX_BYTES = parts.MAX_BYTES;
    periodOf = parts.periodOf;
    periodProblems = parts.periodProblems;
    readDraft = parts.readDraft;
    SLUG = parts.SLUG;
    startValue = parts.startValue;
    writeDraft = parts.writeDraft;
    ZH = parts.ZH;
  }

  // --- the page ------------------------------------------------------------------------------

  /** json-editor "purifies" every value a field is given, without DOMPurify by parsing it as
   * HTML in a detached element: text that looked like a tag (<SN123>, 第一行<br>) was dropped
   * from what was typed, and an image's onerror in it ran, for values typed, restored from a
   * draft or carried from someone's report alike. A value only ever goes into an input's value
   * and the page's text, so it is kept as it is. */
  function keepText(JSONEditor) {
    var Abstract = JSONEditor && JSONEditor.AbstractEditor;
    if (Abstract && Abstract.prototype.purify) {
      Abstract.prototype.purify = function (value) {
        return value;
      };
    }
  }

  function Form(root, libs) {
    this.root = root;
    this.JSONEditor = libs.JSONEditor;
    keepText(this.JSONEditor);
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
      self.settle(); // the field this tap left: its change is in the file (settle)
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
    return true;
  };

  // what the parts take from this file
  parts.Form = Form;
  parts.KINDS = KINDS;
  parts.url = url;

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
        bindParts();
        var form = new Form(root, { JSONEditor: window.JSONEditor, jsyaml: window.jsyaml });
        window.reportForm = form;
        return form.start(); // data-rf-ready: set by the first check (Form.prototype.update)
      })
      .catch(function (error) {
        // no control is left that does nothing: the kind picker and the file's buttons go
        var dead = root.querySelectorAll(".rf-controls, .rf-actions, #rf-create-note");
        Array.prototype.forEach.call(dead, function (element) {
          element.hidden = true;
        });
        var status = root.querySelector("#rf-status");
        if (status) {
          status.textContent =
            "表单加载失败:" + error.message + "。请刷新页面重试,或按下文在编辑器里填写。";
        }
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
