/*
 * The report form's fields (a part of docs/form/form.js, which loads it; see PARTS there): what
 * is typed read as check would read it, hints, optional fields' buttons, labels, and the
 * problems and warnings said under the form.
 */
(function (parts) {
  "use strict";

  var asciiWidth = parts.asciiWidth;
  var BLANK_ENDS = parts.BLANK_ENDS;
  var Form = parts.Form;
  var halfWidth = parts.halfWidth;
  var ID_PATTERN = parts.ID_PATTERN;
  var KINDS = parts.KINDS;
  var REGION_PATH = parts.REGION_PATH;

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
})(window.reportFormParts);
