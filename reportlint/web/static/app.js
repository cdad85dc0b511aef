// The page of `reportlint serve`. Report text is only ever written with textContent.
(function () {
  "use strict";
  var $ = function (sel) { return document.querySelector(sel); };
  var state = { info: null, job: null, rows: [], sort: null, timer: null, doc: null };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function say(msg) { var m = $("#message"); m.textContent = msg || ""; m.hidden = !msg; }

  function showTab(name) {
    document.querySelectorAll(".tab").forEach(function (t) { t.hidden = t.id !== "tab-" + name; });
    document.querySelectorAll("#tabs button").forEach(function (b) {
      b.classList.toggle("active", b.getAttribute("data-tab") === name);
    });
    document.documentElement.setAttribute("data-tab", name);
  }

  // ---------------------------------------------------------------- upload
  function upload(files) {
    files = Array.prototype.slice.call(files || []);
    if (!files.length) return;
    var total = files.reduce(function (s, f) { return s + f.size; }, 0);
    if (state.info && total > state.info.max_bytes) {
      say(state.info.size_message); return;
    }
    if (state.info && files.length > state.info.max_files) {
      say(state.info.count_message); return;
    }
    say("");
    var fd = new FormData();
    files.forEach(function (f) { fd.append("files", f, f.name); });
    document.documentElement.setAttribute("data-state", "uploading");
    fetch("/api/jobs", { method: "POST", body: fd }).then(function (r) {
      return r.json().catch(function () { return { error: "服务器返回了无法识别的内容（" + r.status + "）。" }; });
    }).then(function (res) {
      if (res.error) { say(res.error); document.documentElement.setAttribute("data-state", "refused"); return; }
      state.job = res.id;
      $("#progress-box").hidden = false; $("#tabs").hidden = false;
      $("#tab-doc-button").disabled = true; $("#tab-summary-button").disabled = true;
      $("#downloads").textContent = "";
      showTab("files");
      document.documentElement.setAttribute("data-state", "running");
      poll();
    }).catch(function (e) { say("上传失败：" + e); });
  }

  function poll() {
    clearTimeout(state.timer);
    fetch("/api/jobs/" + state.job).then(function (r) { return r.json(); }).then(function (j) {
      if (j.error && !j.rows) { say(j.error); return; }
      $("#progress").max = Math.max(1, j.total); $("#progress").value = j.done;
      $("#progress-text").textContent = j.state === "done" ? "完成：" + j.files + " 个文件" :
        "检查中… " + j.done + " / " + j.total;
      state.rows = j.rows; renderRows();
      if (j.state === "done" || j.state === "failed") {
        if (j.error) say(j.error);
        finished(j); return;
      }
      state.timer = setTimeout(poll, 300);
    });
  }

  function finished(j) {
    $("#tab-summary-button").disabled = false;
    $("#summary-frame").src = "/api/jobs/" + j.id + "/summary";
    var d = $("#downloads"); d.textContent = "下载：";
    (state.info ? state.info.downloads : ["json"]).forEach(function (fmt) {
      var a = el("a", { href: "/api/jobs/" + j.id + "/download/" + fmt, download: "", "data-format": fmt },
        fmt === "xlsx" ? "Excel（xlsx）" : fmt.toUpperCase());
      d.appendChild(a);
    });
    document.documentElement.setAttribute("data-state", "done");
  }

  // ---------------------------------------------------------------- file list
  function renderRows() {
    var q = $("#filter").value.trim().toLowerCase(), st = $("#status-filter").value;
    var rows = state.rows.filter(function (r) {
      if (st && r.status !== st) return false;
      return !q || (r.name + " " + (r.profile || "")).toLowerCase().indexOf(q) >= 0;
    });
    if (state.sort) {
      var k = state.sort.key, dir = state.sort.dir;
      rows.sort(function (a, b) {
        var x = a[k], y = b[k];
        if (typeof x === "number" || typeof y === "number") return ((x || 0) - (y || 0)) * dir;
        return String(x || "").localeCompare(String(y || ""), "zh-CN") * dir;
      });
    }
    var tb = $("#rows tbody"); tb.textContent = "";
    rows.forEach(function (r) {
      var tr = el("tr", { "data-n": r.n, "class": "st-" + r.status });
      var name = el("td", { "class": "name" }, r.name);
      if (r.error) name.appendChild(el("span", { "class": "reason" }, r.error));
      tr.appendChild(name);
      tr.appendChild(el("td", { "class": "status" }, r.status_zh));
      tr.appendChild(el("td", { "class": "profile" }, r.profile || (r.status === "unreadable" ? "" : "未能判断")));
      ["errors", "warnings", "infos", "placeholders"].forEach(function (k) {
        tr.appendChild(el("td", { "class": "num " + k }, r[k] == null ? "" : r[k]));
      });
      if (r.viewable) tr.addEventListener("click", function () { openFile(r.n); });
      tb.appendChild(tr);
    });
    $("#rows").setAttribute("data-count", rows.length);
  }

  // ---------------------------------------------------------------- document view
  function openFile(n) {
    fetch("/api/jobs/" + state.job + "/files/" + n).then(function (r) { return r.json(); }).then(function (d) {
      state.doc = d; renderDoc(d);
      $("#tab-doc-button").disabled = false; showTab("doc");
    });
  }

  function renderDoc(d) {
    $("#doc-name").textContent = d.name + (d.profile ? "（" + d.profile + "）" : "");
    var doc = $("#doc"); doc.textContent = ""; $("#popup").hidden = true;
    doc.setAttribute("data-file", d.n);
    var text = d.text || "", labels = (state.info && state.info.labels) || {};
    var lines = text.split("\n"), pos = 0;
    var paras = d.paragraphs || [];
    lines.forEach(function (line, i) {
      var start = pos, end = pos + line.length; pos = end + 1;
      var div = el("div", { "class": "line", "data-line": i + 1, id: "line-" + (i + 1) });
      for (var p = 0; p < paras.length; p++) {
        if (paras[p][0] <= start + line.search(/\S|$/) && start + line.search(/\S|$/) < Math.max(paras[p][1], paras[p][0] + 1)) {
          if (paras[p][3]) { div.setAttribute("data-label", paras[p][3]);
            div.setAttribute("data-label-zh", (labels[paras[p][3]] || paras[p][3]) + " " + Math.round(paras[p][4] * 100) + "%"); }
          break;
        }
      }
      fillLine(div, line, start, end, d.findings);
      doc.appendChild(div);
    });
    var list = $("#finding-list"); list.textContent = "";
    d.findings.forEach(function (f, i) {
      var li = el("li", { "data-i": i, "class": "sev-" + f.severity },
        (f.location || (f.line + ":" + f.column)) + " " + f.code + " " + f.message);
      li.addEventListener("click", function () { select([i], document.querySelector('mark[data-i~="' + i + '"]')); goLine(f.line); });
      list.appendChild(li);
    });
    var ul = $("#outline ul"); ul.textContent = "";
    var nodes = {};
    (d.headings || []).forEach(function (h, i) {
      var li = el("li", { "data-level": h.level }); var s = el("span", null, h.text); li.appendChild(s);
      s.addEventListener("click", function () { goLine(h.line); });
      nodes[i] = el("ul"); li.appendChild(nodes[i]);
      (h.parent === null || h.parent === undefined ? ul : nodes[h.parent]).appendChild(li);
    });
    doc.classList.toggle("show-roles", $("#roles").checked);
  }

  var RANK = { error: 3, warning: 2, info: 1 };
  function fillLine(div, line, start, end, findings) {
    var cuts = [start, end], hits = [];
    findings.forEach(function (f, i) {
      var s = Math.max(f.start, start), e = Math.min(f.end, end);
      if (f.end > f.start && s < e) { hits.push([s, e, i]); cuts.push(s, e); }
    });
    if (!hits.length) { div.textContent = line; return; }
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    for (var c = 0; c + 1 < cuts.length; c++) {
      var a = cuts[c], b = cuts[c + 1], seg = line.slice(a - start, b - start);
      var on = hits.filter(function (h) { return h[0] <= a && b <= h[1]; }).map(function (h) { return h[2]; });
      if (!on.length) { div.appendChild(document.createTextNode(seg)); continue; }
      var worst = on.reduce(function (w, i) {
        return RANK[findings[i].severity] > RANK[w] ? findings[i].severity : w; }, "info");
      var m = el("mark", { "class": "sev-" + worst, "data-i": on.join(" "),
        "data-codes": on.map(function (i) { return findings[i].code; }).join(" "),
        title: on.map(function (i) { return findings[i].code + " " + findings[i].message; }).join("\n") }, seg);
      m.addEventListener("click", (function (ids, mark) { return function () { select(ids, mark); }; })(on, m));
      div.appendChild(m);
    }
  }

  function select(ids, mark) {
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    if (mark) mark.classList.add("selected");
    var pop = $("#popup"); pop.textContent = ""; pop.hidden = false;
    ids.forEach(function (i) {
      var f = state.doc.findings[i], item = el("div", { "class": "item sev-" + f.severity, "data-code": f.code });
      item.appendChild(el("span", { "class": "code" }, f.code));
      item.appendChild(el("span", { "class": "severity" }, f.severity_zh));
      item.appendChild(el("p", { "class": "message" }, f.message));
      if (f.suggestion) item.appendChild(el("p", { "class": "suggestion" }, "建议：" + f.suggestion));
      var a = el("a", { href: "/rules/" + encodeURIComponent(f.code), target: "_blank", rel: "noopener" },
        "规则说明：" + f.code + " " + (f.rule || ""));
      item.appendChild(a); pop.appendChild(item);
    });
  }

  function goLine(n) {
    var t = document.getElementById("line-" + n); if (!t) return;
    document.querySelectorAll(".line.target").forEach(function (x) { x.classList.remove("target"); });
    t.classList.add("target"); t.scrollIntoView({ block: "center" });
  }

  // ---------------------------------------------------------------- wiring
  function init() {
    var drop = $("#drop");
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault(); drop.classList.remove("over"); upload(e.dataTransfer.files);
    });
    $("#files").addEventListener("change", function (e) { upload(e.target.files); e.target.value = ""; });
    $("#filter").addEventListener("input", renderRows);
    $("#status-filter").addEventListener("change", renderRows);
    document.querySelectorAll("#rows th").forEach(function (th) {
      th.addEventListener("click", function () {
        var k = th.getAttribute("data-key");
        var dir = state.sort && state.sort.key === k ? -state.sort.dir : (th.classList.contains("num") ? -1 : 1);
        state.sort = { key: k, dir: dir };
        document.querySelectorAll("#rows th").forEach(function (x) { x.classList.remove("asc", "desc"); });
        th.classList.add(dir > 0 ? "asc" : "desc"); renderRows();
      });
    });
    document.querySelectorAll("#tabs button").forEach(function (b) {
      b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); });
    });
    $("#roles").addEventListener("change", function (e) {
      $("#doc").classList.toggle("show-roles", e.target.checked);
      $("#doc").setAttribute("data-roles", e.target.checked ? "on" : "off");
    });
    fetch("/api/info").then(function (r) { return r.json(); }).then(function (info) {
      state.info = info;
      $("#limits").textContent = "支持 .docx、.txt、.md 和 zip 压缩包；一次最多 " + info.max_files + " 个文件、共 " +
        +(info.max_bytes / 1048576).toFixed(1) + " MB。";
      document.documentElement.setAttribute("data-js", "ready");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
