/*
 * Who the report form knows (a part of docs/form/form.js, which loads it; see PARTS there): an
 * internal build's roster (names, postings and approvals of each 工号), or a public build's
 * ids alone.
 */
(function (parts) {
  "use strict";

  var Form = parts.Form;
  var url = parts.url;

  /** Internal builds: the roster (form/roster.json), with names for the 工号 field's list. */
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
})(window.reportFormParts);
