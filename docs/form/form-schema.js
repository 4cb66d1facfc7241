/*
 * The report form's schema (a part of docs/form/form.js, which loads it; see PARTS there): the
 * published JSON Schema of a kind, shaped for json-editor, and the value: what the YAML file
 * holds, and what a new report starts with.
 */
(function (parts) {
  "use strict";

  var Form = parts.Form;
  var hintOf = parts.hintOf;
  var isoDate = parts.isoDate;
  var lastPeriod = parts.lastPeriod;
  var monthRange = parts.monthRange;
  var url = parts.url;
  var weekRange = parts.weekRange;
  var zoned = parts.zoned;

  // --- schema: the published schema, shaped for the form ------------------------------------

  function resolveRefs(node, defs) {
    if (Array.isArray(node)) {
      return node.map(function (item) {
        return resolveRefs(item, defs);
      });
    }
    if (!node || typeof node !== "object") return node;
    var out = {};
    Object.keys(node).forEach(function (key) {
      if (["$ref", "allOf", "definitions", "$schema", "$comment"].indexOf(key) < 0) {
        out[key] = resolveRefs(node[key], defs);
      }
    });
    var ref = node.$ref || (node.allOf && node.allOf.length === 1 && node.allOf[0].$ref);
    if (ref) {
      var target = resolveRefs(defs[ref.replace("#/definitions/", "")], defs);
      out = Object.assign({}, target, out);
    }
    return out;
  }

  function enumTitles(node) {
    var names = {};
    var re = /([a-z_]+) ([^、。|,]+)/g;
    var m;
    while ((m = re.exec(node.description || ""))) names[m[1]] = m[2].trim();
    return node.enum.map(function (value) {
      return names[value] ? value + "(" + names[value] + ")" : value;
    });
  }

  function shape(node) {
    if (node.anyOf) {
      var others = node.anyOf.filter(function (s) {
        return s.type !== "null";
      });
      if (others.length === 1) {
        var merged = Object.assign({}, others[0], node);
        delete merged.anyOf;
        if (merged.default === null) delete merged.default;
        node = merged;
      }
    }
    node.options = Object.assign({}, node.options);
    // json-editor's 「应为 number 类型」 names a JSON type: say what to write instead (the only
    // number of the reports is an amount in yuan)
    if (node.type === "number" || node.type === "integer") {
      node.options.error_messages = {
        zh: {
          error_type: node.type === "number"
            ? "应填数字(不带单位、逗号或 ¥),例如 1280.50"
            : "应填整数(不带单位),例如 12",
        },
      };
    }
    // json-editor reads the draft-04 form: a boolean beside minimum / maximum.
    if (typeof node.exclusiveMinimum === "number") {
      node.minimum = node.exclusiveMinimum;
      node.exclusiveMinimum = true;
    }
    if (typeof node.exclusiveMaximum === "number") {
      node.maximum = node.exclusiveMaximum;
      node.exclusiveMaximum = true;
    }
    if (node.type === "string") {
      if (node.minLength === 1) {
        // "blank" is one check with one message, like `validator check` says it.
        delete node.minLength;
        node.nonblank = true;
      }
      if (node.pattern === "\\S") delete node.pattern;
      if (node.pattern && hintOf(node.pattern)) {
        node.options.patternmessage = hintOf(node.pattern);
      } else if (node.pattern && /\[T \]/.test(node.pattern)) {
        node.options.patternmessage = "应为日期和时间,例如 2026-11-20 14:30";
      }
      if (node.enum) {
        // none chosen to start with (「请选择…」), as `validator new` writes channel: "": the
        // form never picks a choice for the user; a required one is asked for (chooseOne)
        node.options.enum_titles = ["请选择…"].concat(enumTitles(node));
        node.enum = [""].concat(node.enum);
      }
      if (node.maxLength > 200) node.format = "textarea";
      if (node.format === "date") {
        // json-editor's own check of a date's shape refuses "" too: an item just added, its
        // date not picked yet, was told both 「不能为空」 and 「日期格式应为 …」. Ours checks the
        // shape of a date written (installValidator); the field is still a date input (a
        // phone's date picker) through options.format.
        delete node.format;
        node.options.format = "date";
        node.isDate = true;
      }
      if (node.maxLength) {
        // check counts characters (code points), json-editor UTF-16 units: ours counts
        node.maxChars = node.maxLength;
        delete node.maxLength;
      }
    }
    if (node.type === "object" && node.properties) {
      var required = node.required || [];
      Object.keys(node.properties).forEach(function (key) {
        var prop = shape(node.properties[key]);
        if (required.indexOf(key) >= 0 && prop.type === "string" && !prop.enum) {
          prop.nonblank = true;
        }
        if (required.indexOf(key) >= 0 && prop.type === "string" && prop.enum) {
          prop.chooseOne = true; // check refuses "": one of the choices must be picked
        }
        if (prop.nonblank && prop.pattern) {
          // Checked by our validator only once the field has text: a blank field gets one
          // message, "不能为空", not also a complaint about its format.
          prop.textPattern = { pattern: prop.pattern, message: prop.options.patternmessage };
          delete prop.pattern;
        }
        node.properties[key] = prop;
      });
    }
    if (node.type === "array" && node.items) {
      node.items = shape(node.items);
      // an item without a title made the buttons 「添加条目」, 「删除条目」: they say what they add
      if (!node.items.title && node.title) node.items.title = node.title;
      node.options.disable_array_delete_all_rows = true;
      node.options.disable_array_delete_last_row = true;
    }
    return node;
  }

  /** A region field: its pattern checked by our validator (which says it with a region as the
   * example, not the schemas' staff id), and never blank (the pattern refuses "" too). */
  function regionField(node) {
    if (node.pattern) {
      node.textPattern = { pattern: node.pattern };
      delete node.pattern;
    }
    node.nonblank = true;
  }

  function formSchema(published) {
    var schema = shape(resolveRefs(published, published.definitions || {}));
    var props = schema.properties;
    var items = props.items && props.items.items && props.items.items.properties;
    if (items && items.amount) items.amount.cents = true;
    if (props.items && props.no_claims) {
      // The root oneOf of expenses (items, or no_claims: true) would make json-editor a switcher
      // between two branches that each refuse every other field: our validator checks that rule
      // instead, with check's message, and items may all be removed for a no-claims month.
      delete schema.oneOf;
      delete props.items.minItems;
      props.items.itemsOrNoClaims = true;
    }
    // A region's format is said with a region as the example (formSchema's regionField).
    if (props.regions && props.regions.items) regionField(props.regions.items);
    ["faulty_stock", "replacements"].forEach(function (key) {
      var item = props[key] && props[key].items && props[key].items.properties;
      if (item && item.region) regionField(item.region);
    });
    // late_reason is asked last: it only matters when the report is late.
    if (props.late_reason) {
      var late = props.late_reason;
      delete props.late_reason;
      props.late_reason = late;
    }
    return schema;
  }

  // --- value: what the YAML file holds -------------------------------------------------------

  function isEmpty(v) {
    return v === "" || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  }

  /** The value in schema order, without optional fields left empty. */
  function clean(value, schema) {
    if (schema.properties && schema.properties.no_claims && value && value.no_claims === true) {
      value = Object.assign({}, value); // a month with nothing to claim lists no items
      delete value.items;
    }
    if (Array.isArray(value)) {
      return value.map(function (item) {
        return clean(item, schema.items || {});
      });
    }
    if (value === 0) return 0; // -0 would be written -0.0, which check refuses as an integer
    if (!value || typeof value !== "object" || !schema.properties) return value;
    var required = schema.required || [];
    var out = {};
    Object.keys(schema.properties).forEach(function (key) {
      if (!(key in value)) return;
      var v = clean(value[key], schema.properties[key]);
      if (required.indexOf(key) < 0 && isEmpty(v)) return;
      out[key] = v;
    });
    return out;
  }

  function startValue(kind, config, now, staff, period) {
    var local = zoned(now, config.timezone);
    if (kind === "weekly") {
      var week = period || lastPeriod(kind, local);
      return {
        staff: staff,
        week: week,
        summary: "",
        work: [{ date: isoDate(weekRange(week)[0]), description: "" }],
        plan: [""],
      };
    }
    if (kind === "monthly" || kind === "expenses") {
      var month = period || lastPeriod(kind, local);
      var first = isoDate(monthRange(month)[0]);
      if (kind === "monthly") {
        return { staff: staff, month: month, summary: "", faulty_stock: [{ region: "", units: 0 }] };
      }
      return {
        staff: staff,
        month: month,
        items: [{ date: first, category: "", amount: 0, description: "" }],
      };
    }
    if (kind === "handover") {
      // as `validator new handover`: dated today, the regions still to be named
      return {
        staff: staff,
        date: period || isoDate(local.day),
        reason: "",
        regions: [""],
      };
    }
    return {
      staff: staff,
      occurred_at: isoDate(local.day) + " " + local.time,
      title: "",
      channel: "",
      parties: [""],
      summary: "",
      status: "open", // being reported, as `validator new incident` writes it
    };
  }

  Form.prototype.fetchSchema = function (kind) {
    var self = this;
    if (this.schemas[kind]) return Promise.resolve(this.schemas[kind]);
    return fetch(url("../schemas/" + kind + ".schema.json"))
      .then(function (r) {
        if (!r.ok) throw new Error("schema " + kind + ": HTTP " + r.status);
        return r.json();
      })
      .then(function (published) {
        self.schemas[kind] = formSchema(published);
        return self.schemas[kind];
      });
  };

  parts.clean = clean;
  parts.startValue = startValue;
})(window.reportFormParts);
