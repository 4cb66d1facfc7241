/*
 * The report form's text (a part of docs/form/form.js, which loads it; see PARTS there): the
 * patterns check reads fields with, blank and half-width as check sees them, check's messages
 * filled in, json-editor's words in Chinese and the hints of the schemas' patterns.
 */
(function (parts) {
  "use strict";

  // an incident's name in its file name, as check reads it (kinds/periods.py _DAY_SLUG); the
  // page's #rf-slug has the same maxlength and pattern
  var SLUG_MAX = 48;
  var SLUG = new RegExp("^[a-z0-9][a-z0-9-]{0," + (SLUG_MAX - 1) + "}$");
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/; // a date as check reads it (models/common.py)
  var ID_PATTERN = "^[a-z][a-z0-9-]{1,31}$"; // a 工号's or region id's pattern in the schemas
  var BLANK_ENDS = /^[\s\u3000]+|[\s\u3000]+$/g;
  // Blank as check sees it: only what Python's str.isspace() calls space (the `\S` pattern),
  // not JavaScript's trim() (which takes U+FEFF and leaves U+0085).
  var BLANK = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  var MAX_BYTES = 256 * 1024; // reading/loader.py MAX_BYTES
  // the fields that name a region, as each kind's regions_named() (validator/kinds/*.py):
  // weekly, incidents and handover `regions`, monthly faulty stock and replacements `region`
  var REGION_PATH = /^root\.(?:regions\.\d+|(?:faulty_stock|replacements)\.\d+\.region)$/;
  var REGION_ID = /^[a-z][a-z0-9-]{1,31}$/; // a region id's pattern: others fail the schema
  function blank(text) {
    return BLANK.test(text);
  }
  /** Full-width digits, point and signs (a Chinese IME) as ASCII; in a number the IME's
   * full stop 。 is the point. */
  function halfWidth(text) {
    return text
      .replace(/[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      })
      .replace(/\u3002/g, ".");
  }
  /** Every full-width ASCII character (２０２６－Ｗ４７, １４：３０) and the ideographic space as
   * ASCII: what a Chinese IME types into a field whose format is ASCII only. */
  function asciiWidth(text) {
    return text
      .replace(/[\uFF01-\uFF5E]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      })
      .replace(/\u3000/g, " ");
  }
  /** A message of check's with the page's values in its `{name}` placeholders, in one pass as
   * Python's str.format fills them: braces in a value (a serial `SN-{due}`) stay as typed. */
  function filled(template, values) {
    return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
      return values[name] === null || values[name] === undefined ? "" : String(values[name]);
    });
  }
  var ZH = {
    error_notset: "必须填写",
    error_notempty: "不能为空",
    error_enum: "请从列表中选择",
    error_const: "取值不对",
    error_anyOf: "取值不符合要求",
    error_oneOf: "取值不符合要求",
    error_not: "取值不符合要求",
    error_type_union: "类型不对",
    error_type: "应为 {{0}} 类型",
    error_multipleOf: "应为 {{0}} 的整数倍",
    error_maximum_excl: "应小于 {{0}}",
    error_maximum_incl: "不能大于 {{0}}",
    error_minimum_excl: "应大于 {{0}}",
    error_minimum_incl: "不能小于 {{0}}",
    error_maxLength: "不能超过 {{0}} 个字",
    error_minLength: "至少 {{0}} 个字",
    error_pattern: "格式不对",
    error_additionalItems: "不允许更多条目",
    error_maxItems: "最多 {{0}} 条",
    error_minItems: "至少需要 {{0}} 条",
    error_uniqueItems: "条目不能重复",
    error_maxProperties: "字段太多",
    error_minProperties: "字段太少",
    error_required: "缺少必填项 {{0}}",
    error_additional_properties: "不允许的字段 {{0}}",
    error_dependency: "还需要填写 {{0}}",
    error_date: "日期格式应为 {{0}}",
    error_time: "时间格式应为 {{0}}",
    error_datetime_local: "时间格式应为 {{0}}",
    button_save: "保存",
    button_copy: "复制",
    button_cancel: "取消",
    button_add: "添加",
    button_delete_all: "全部",
    button_delete_all_title: "全部删除",
    button_delete_last: "最后一条{{0}}",
    button_delete_last_title: "删除最后一条{{0}}",
    button_add_row_title: "添加{{0}}",
    button_move_down_title: "下移",
    button_move_up_title: "上移",
    button_properties: "字段",
    button_object_properties: "字段",
    button_copy_row_title: "复制{{0}}",
    button_delete_row_title: "删除{{0}}",
    button_delete_row_title_short: "删除",
    button_copy_row_title_short: "复制",
    button_collapse: "折叠",
    button_expand: "展开",
    button_edit_json: "编辑 JSON",
    default_array_item_title: "条目",
    table_controls: "操作",
  };
  // by pattern, written with [0-9] as the schemas write digits (hintOf reads \\d as [0-9] too)
  var PATTERN_HINTS = {
    "^[a-z][a-z0-9-]{1,31}$": "应为小写字母开头的英文、数字与连字符,例如 li-ming",
    "^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$": "应为 ISO 周,例如 2026-W47",
    "^[0-9]{4}-(0[1-9]|1[0-2])$": "应为月份,例如 2026-10",
  };
  function hintOf(pattern) {
    return PATTERN_HINTS[pattern.replace(/\\d/g, "[0-9]")];
  }

  parts.asciiWidth = asciiWidth;
  parts.blank = blank;
  parts.BLANK_ENDS = BLANK_ENDS;
  parts.DATE = DATE;
  parts.filled = filled;
  parts.halfWidth = halfWidth;
  parts.hintOf = hintOf;
  parts.ID_PATTERN = ID_PATTERN;
  parts.LONE_SURROGATE = LONE_SURROGATE;
  parts.MAX_BYTES = MAX_BYTES;
  parts.REGION_ID = REGION_ID;
  parts.REGION_PATH = REGION_PATH;
  parts.SLUG = SLUG;
  parts.SLUG_MAX = SLUG_MAX;
  parts.ZH = ZH;
})(window.reportFormParts);
