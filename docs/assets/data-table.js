/* Status tables fed by JSON (validator/site/pages/tables.py): a filter box and pages of rows.
 * Does nothing on a page without a `div.data-table`. Cells are set with textContent only, so
 * report text stays text; links are taken only when relative (our own pages). */
(function () {
  "use strict";
  var PAGE = 100;

  function safeHref(href, base) {
    if (typeof href !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.indexOf("//") === 0) {
      return null;
    }
    return new URL(href, base).href;
  }

  function cellNode(td, cell, base) {
    var text = typeof cell === "string" ? cell : cell && typeof cell.text === "string" ? cell.text : "";
    var node = td;
    if (cell && typeof cell === "object") {
      var href = safeHref(cell.href, base);
      if (href) {
        var a = document.createElement("a");
        a.href = href;
        node.appendChild(a);
        node = a;
      }
      if (typeof cell.cls === "string" && /^[a-z0-9 -]+$/.test(cell.cls)) {
        var span = document.createElement("span");
        span.className = cell.cls;
        node.appendChild(span);
        node = span;
      }
    }
    node.textContent = text;
  }

  function plain(cell) {
    return typeof cell === "string" ? cell : cell && typeof cell.text === "string" ? cell.text : "";
  }

  function render(box, data, base) {
    var numeric = {};
    (data.numeric || []).forEach(function (i) { numeric[i] = true; });
    var rows = (data.rows || []).map(function (row) {
      return { cells: row, key: row.map(plain).join("\u0001").toLowerCase() };
    });
    var tools = document.createElement("div");
    tools.className = "data-table-tools";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "data-table-filter";
    input.placeholder = "筛选" + (data.filter ? "(" + data.filter + ")" : "");
    input.setAttribute("aria-label", input.placeholder);
    var count = document.createElement("span");
    count.className = "data-table-count";
    tools.appendChild(input);
    tools.appendChild(count);
    tools.hidden = data.plain === true; // a short table needs no filter
    var wrap = document.createElement("div"); // Material's wrappers: the table scrolls, not the page
    wrap.className = "md-typeset__scrollwrap";
    var inner = document.createElement("div");
    inner.className = "md-typeset__table";
    wrap.appendChild(inner);
    var table = document.createElement("table");
    var thead = table.createTHead().insertRow();
    (data.columns || []).forEach(function (name, i) {
      var th = document.createElement("th");
      th.textContent = name;
      if (numeric[i]) th.style.textAlign = "right";
      thead.appendChild(th);
    });
    var tbody = table.createTBody();
    inner.appendChild(table);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button data-table-more";
    var shown = [];
    var limit = PAGE;

    function draw() {
      tbody.textContent = "";
      shown.slice(0, limit).forEach(function (row) {
        var tr = tbody.insertRow();
        row.cells.forEach(function (cell, i) {
          var td = tr.insertCell();
          if (numeric[i]) td.style.textAlign = "right";
          cellNode(td, cell, base);
        });
      });
      var visible = Math.min(limit, shown.length);
      count.textContent = "显示 " + visible + " / " + shown.length + " 行(共 " + rows.length + " 行)";
      more.hidden = shown.length <= limit;
      more.textContent = "再显示 " + Math.min(PAGE, shown.length - limit) + " 行";
    }

    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      shown = rows.filter(function (row) {
        return words.every(function (w) { return row.key.indexOf(w) >= 0; });
      });
      limit = PAGE;
      draw();
    }

    input.addEventListener("input", filter);
    more.addEventListener("click", function () { limit += PAGE; draw(); });
    box.textContent = "";
    box.appendChild(tools);
    box.appendChild(wrap);
    box.appendChild(more);
    box.classList.add("data-table-ready");
    filter();
  }

  function load(box) {
    var link = box.querySelector("a[href]");
    var src = link ? link.href : new URL(box.getAttribute("data-src"), location.href).href;
    fetch(src)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) { render(box, data, src); })
      .catch(function () {
        var note = document.createElement("p");
        note.className = "data-table-error";
        note.textContent = "表格数据未能加载,请打开上面的表格数据链接。";
        box.appendChild(note);
      });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("div.data-table"), load);
  }

  // the person view (person-view.js) draws its tables the same way
  window.validatorTables = { render: render, cell: cellNode };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
