/*
 * Where the report goes from the form (a part of docs/form/form.js, which loads it; see PARTS
 * there): a draft kept in this tab, the YAML copied or downloaded, and the Git host's new-file
 * page opened with its name and content.
 */
(function (parts) {
  "use strict";

  var Form = parts.Form;

  // --- drafts: what was typed, kept in this tab (sessionStorage) ------------------------------

  var DRAFT = "report-form-draft:";

  function readDraft(kind) {
    try {
      var draft = JSON.parse(window.sessionStorage.getItem(DRAFT + kind) || "null");
      return draft && draft.value && typeof draft.value === "object" ? draft : null;
    } catch (e) {
      return null; // storage disabled, or not ours
    }
  }

  function writeDraft(kind, draft) {
    try {
      if (draft) window.sessionStorage.setItem(DRAFT + kind, JSON.stringify(draft));
      else window.sessionStorage.removeItem(DRAFT + kind);
    } catch (e) {
      /* storage may be disabled or full: the form works without */
    }
  }

  // Longer links are cut by some servers and proxies (8 KiB request lines are common): then the
  // page asks for download and upload instead, as for a host with no prefilled new-file page.
  var MAX_LINK = 8000;

  function encodePath(path) {
    return path.split("/").map(encodeURIComponent).join("/");
  }

  // The host's new-file page for this.path and this.text (templates from reportform.py), or null.
  Form.prototype.createLink = function () {
    var page = this.config.new_file;
    if (!page || !/^https?:\/\//i.test(page.url)) return null;
    var slash = this.path.lastIndexOf("/");
    var dir = this.path.slice(0, slash);
    var inPath = page.url.indexOf("{dir}") >= 0; // then the name is the bare file name
    var name = inPath ? this.path.slice(slash + 1) : this.path;
    var href =
      page.url.replace("{dir}", encodePath(dir)) + (page.url.indexOf("?") >= 0 ? "&" : "?") +
      page.name + "=" + encodeURIComponent(name) + "&" + page.content + "=" +
      encodeURIComponent(this.text);
    return href.length > MAX_LINK ? null : href;
  };

  Form.prototype.updateCreate = function (ok) {
    var link = this.$("rf-create");
    var note = this.$("rf-create-note");
    var c = this.config;
    var href = this.createLink();
    if (!href) {
      link.hidden = true;
      link.removeAttribute("href");
      note.hidden = false;
      note.textContent = "";
      if (!c.git_host || !c.repository) {
        note.textContent =
          "站点没有配置代码托管平台(mkdocs.yml 的 extra.git_host 与 extra.repository),请复制或下载后提交。";
        return;
      }
      var dir = this.path.slice(0, this.path.lastIndexOf("/"));
      note.appendChild(
        document.createTextNode("请先下载 YAML 文件,然后上传到仓库的 " + dir + "/ 目录")
      );
      if (c.upload_url && /^https?:\/\//i.test(c.upload_url)) {
        var upload = document.createElement("a");
        upload.id = "rf-upload";
        upload.href = c.upload_url.replace("{dir}", encodePath(dir));
        upload.target = "_blank";
        upload.rel = "noopener";
        upload.textContent = "(打开上传页面)";
        note.appendChild(upload);
      }
      note.appendChild(document.createTextNode(",再发起合并请求。"));
      return;
    }
    link.hidden = false;
    link.href = href;
    link.setAttribute("aria-disabled", ok ? "false" : "true");
    var paste = this.pasteOnHost();
    note.hidden = ok && !paste;
    note.textContent = !ok
      ? "先改正上面的问题,再创建文件。"
      : paste
        ? "GitLab 打开的新建文件页面会填好文件名,但编辑区可能是空的:点上面的按钮时已同时复制 YAML," +
          "编辑区为空就长按粘贴,再提交(Commit)并发起合并请求。"
        : "";
  };

  /** GitLab's new-file page may fill only the name from its link, its editor ignoring the
   * content parameter (reported for some versions): the YAML goes to the clipboard, to paste
   * there. */
  Form.prototype.pasteOnHost = function () {
    return this.config.git_kind === "gitlab";
  };

  /** Say what 复制 YAML or 下载文件 did beside the buttons (not in the check's status, which
   * counts the problems left): `failed` in the problems' colour. The note holds while the YAML
   * is the one it speaks of (update clears it once the report changes, clearNotes with the
   * editor). */
  Form.prototype.sayDone = function (text, failed) {
    var done = this.$("rf-done");
    done.textContent = text;
    done.classList.toggle("rf-failed", !!failed);
    this.doneFor = text ? this.text : null;
  };

  /** The note goes once the YAML is no longer the one it speaks of. */
  Form.prototype.doneHolds = function (text) {
    if (this.doneFor !== text) this.sayDone("");
  };

  // a copy the browser refused: what to do instead
  var NOT_COPIED = "未能复制:浏览器不允许网页写入剪贴板。请长按选中下面的 YAML 手动复制,或点「下载文件」。";

  Form.prototype.copy = function () {
    this.settle(); // what was typed last (Form.settle)
    var self = this;
    var text = this.text;
    if (!text) return; // a new editor not checked yet (clearNotes)
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () {
          if (self.text === text) self.sayDone("已复制 YAML。");
        },
        function () {
          self.sayDone(NOT_COPIED, true);
        }
      );
      return;
    }
    // a plain-http site (an intranet) has no Clipboard API: a selected text area, copied as a
    // user's 复制 copies it; execCommand says whether the browser did
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    area.remove();
    if (copied) this.sayDone("已复制 YAML。");
    else this.sayDone(NOT_COPIED, true);
  };

  Form.prototype.download = function () {
    this.settle(); // likewise
    if (!this.text || !this.path) return; // likewise
    var blob = new Blob([this.text], { type: "text/yaml;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = this.path.split("/").pop();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
    this.sayDone("已下载 " + link.download + "(在浏览器的下载列表里)。");
  };

  parts.readDraft = readDraft;
  parts.writeDraft = writeDraft;
})(window.reportFormParts);
