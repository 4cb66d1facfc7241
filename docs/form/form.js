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
 * period followed, the validator, the fields, drafts and the host, the roster, the editor and
 * the check), loaded with the libraries and only on the form's page. They share their code
 * through window.reportFormParts.
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
    "form-roster.js",
    "form-editor.js",
    "form-check.js",
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
  var asciiWidth, BLANK_ENDS, writeDraft;

  function bindParts() {
    asciiWidth = parts.asciiWidth;
    BLANK_ENDS = parts.BLANK_ENDS;
    writeDraft = parts.writeDraft;
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
    if (this.config.kinds) {
      // the table of report kinds, from the build: put in the one the parts took (parts.KINDS)
      Object.keys(KINDS).forEach(function (kind) {
        delete KINDS[kind];
      });
      Object.assign(KINDS, this.config.kinds);
    }
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
