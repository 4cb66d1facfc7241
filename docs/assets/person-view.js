/* The person view (validator/site/pages/people.py): `status/person/?id=<id>` draws one person
 * from `data/people/<id>.json`; without an id, the list of people. Does nothing on any other
 * page. Every value is set with textContent only, so report text stays text; links are ours
 * (relative) or none. Tables are drawn by data-table.js (`window.validatorTables`). */
(function () {
  "use strict";

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function section(root, title) {
    root.appendChild(el("h2", title));
  }

  function table(root, data, empty, filter) {
    if (!data || !data.rows || !data.rows.length) {
      root.appendChild(el("p", empty));
      return;
    }
    var box = el("div", undefined, "data-table");
    root.appendChild(box);
    var shown = { columns: data.columns, numeric: data.numeric, rows: data.rows };
    if (filter) shown.filter = filter;
    else shown.plain = true; // a short table: no filter box
    window.validatorTables.render(box, shown, location.href);
  }

  function content(value) {
    var ul = el("ul");
    if (value && typeof value === "object" && Array.isArray(value.k)) {
      value.k.forEach(function (pair) {
        var li = el("li");
        li.appendChild(el("strong", String(pair[0])));
        li.appendChild(document.createTextNode(":"));
        var child = pair[1];
        if (child && typeof child === "object") li.appendChild(content(child));
        else li.appendChild(document.createTextNode(String(child)));
        ul.appendChild(li);
      });
    } else if (value && typeof value === "object" && Array.isArray(value.l)) {
      value.l.forEach(function (child, i) {
        var li = el("li");
        if (child && typeof child === "object") {
          li.appendChild(document.createTextNode("第 " + (i + 1) + " 项"));
          li.appendChild(content(child));
        } else {
          li.textContent = String(child);
        }
        ul.appendChild(li);
      });
    } else {
      ul.appendChild(el("li", String(value)));
    }
    return ul;
  }

  function report(root, r, problems) {
    var h = el("h3", r.kind + " " + r.period);
    h.id = r.anchor;
    root.appendChild(h);
    var facts = el("ul");
    facts.appendChild(el("li", "文件:" + r.file));
    facts.appendChild(el("li", "提交时间:" + r.received));
    facts.appendChild(el("li", "截止时间:" + r.due));
    var verdict = el("li", "时效:");
    verdict.appendChild(el("strong", r.verdict));
    facts.appendChild(verdict);
    root.appendChild(facts);
    if (!r.valid) {
      var note = el("p", "此文件没有通过校验,以下按原样显示(详见");
      var a = el("a", "数据问题");
      a.href = problems;
      note.appendChild(a);
      note.appendChild(document.createTextNode(")。"));
      root.appendChild(note);
    }
    if (r.content === undefined) root.appendChild(el("p", "无法读取此文件。"));
    else root.appendChild(content(r.content)).className = "report-data";
  }

  function person(view, data, basis, problems) {
    var title = document.querySelector("article h1") || document.querySelector("h1");
    if (title) title.textContent = data.name;
    document.title = data.name + " - " + document.title;
    var root = el("div", undefined, "person");
    var facts = el("ul");
    (data.facts || []).forEach(function (pair) {
      var li = el("li", pair[0] + ":");
      li.appendChild(el("strong", pair[1]));
      facts.appendChild(li);
    });
    root.appendChild(facts);
    section(root, "派驻与任期");
    table(root, data.postings, "无派驻记录。");
    if (data.handovers && data.handovers.rows.length) {
      section(root, "工作交接");
      if (basis) {
        var note = basis.cloneNode(true);
        note.hidden = false;
        root.appendChild(note);
      }
      table(root, data.handovers, "");
    }
    section(root, "周报");
    table(root, data.weeks, "暂无周报。", "周、状态");
    var reports = data.reports || [];
    section(root, "全部报告");
    table(root, {
      columns: ["类型", "期间", "提交时间", "截止时间", "时效"],
      numeric: [],
      rows: reports.map(function (r) {
        return [r.kind, { text: r.period, href: "#" + r.anchor }, r.received, r.due,
          r.valid ? r.verdict : r.verdict + "(未通过校验)"];
      })
    }, "暂无报告。", "类型、期间");
    section(root, "月度考核分数");
    table(root, data.scores, "暂无分数。");
    section(root, "请假");
    table(root, data.leave, "无请假记录。");
    if (reports.length) {
      section(root, "报告内容");
      reports.forEach(function (r) { report(root, r, problems); });
    }
    view.textContent = "";
    view.appendChild(root);
    view.classList.add("person-ready");
    if (location.hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  function list(view, data) {
    var root = el("div", undefined, "person-list");
    table(root, {
      columns: ["姓名", "编号", "类别", "区域", "周报准时率"],
      numeric: [4],
      rows: (data.people || []).map(function (p) {
        return [{ text: p.name, href: "?id=" + encodeURIComponent(p.id) }, p.id, p.category,
          p.regions, p.rate];
      })
    }, "暂无人员。", "姓名、编号、区域");
    view.textContent = "";
    view.appendChild(root);
    view.classList.add("person-ready");
  }

  function fail(view, message) {
    view.appendChild(el("p", message, "data-table-error"));
  }

  function start() {
    var view = document.querySelector("div.person-view");
    if (!view || !window.validatorTables) return;
    var link = view.querySelector("a[href]");
    if (!link) return;
    var index = link.href; // .../data/people/index.json, as MkDocs resolved it
    var problems = new URL("../../problems/", index).href;
    var basis = document.querySelector("div.person-handover-basis");
    var id = new URLSearchParams(location.search).get("id");
    var src = index;
    if (id !== null) {
      if (!/^[a-z0-9-]{1,64}$/.test(id)) {
        fail(view, "人员编号无效。");
        return;
      }
      src = new URL(id + ".json", index).href;
    }
    fetch(src)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (id === null) list(view, data);
        else person(view, data, basis, problems);
      })
      .catch(function () {
        fail(view, id === null ? "人员名单未能加载。" : "没有找到此人的资料(编号 " + id + ")。");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
