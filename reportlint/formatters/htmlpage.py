"""One self-contained HTML page: inline CSS and JS, no external resources, works offline.

Tables with class ``sortable`` sort when a header is clicked (numbers numerically, text by
Chinese collation; a cell's ``data-sort`` overrides its text). A URL fragment
``#sort=COLUMN:asc|desc`` sorts on load. When the script has run, ``<html>`` carries
``data-js="ready"`` (``data-js-error`` if a script error happened) — the browser test reads them.
"""
from __future__ import annotations

from html import escape

CSS = """
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--err:#cf222e;--warn:#9a6700;--info:#0969da;--ok:#1a7f37}
*{box-sizing:border-box}body{margin:0 auto;max-width:1200px;padding:24px;color:var(--fg);background:var(--bg);
font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","Hiragino Sans GB",
"WenQuanYi Micro Hei","Noto Sans SC",SimHei,sans-serif}
h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:18px 0 6px}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border:1px solid var(--line);padding:4px 8px;
text-align:left;vertical-align:top}th{background:#f6f8fa;white-space:nowrap}td.num,th.num{text-align:right}
table.sortable th{cursor:pointer;user-select:none}table.sortable th::after{content:" ⇅";color:#bbb}
table.sortable th[aria-sort=ascending]::after{content:" ▲";color:var(--fg)}
table.sortable th[aria-sort=descending]::after{content:" ▼";color:var(--fg)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.card{border:1px solid var(--line);border-radius:6px;
padding:8px 14px;min-width:110px}.card b{display:block;font-size:22px}
.s-unreadable{color:#8250df;font-weight:bold}.s-error,.sev-error{color:var(--err)}.s-warning,.sev-warning{color:var(--warn)}
.sev-info{color:var(--info)}.s-ok{color:var(--ok)}[class^="s-"]{white-space:nowrap}
ol.findings{padding-left:22px}ol.findings li{margin:6px 0}code{background:#f6f8fa;padding:0 4px;border-radius:4px}
.src{font-family:"Noto Sans Mono CJK SC","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",monospace;background:#f6f8fa;border-left:3px solid var(--line);
padding:2px 8px;margin:2px 0;white-space:pre-wrap;word-break:break-all}.src .ln{color:var(--muted);margin-right:8px}
mark{background:#ffd33d;padding:0 1px}.sugg{color:var(--ok)}input[type=search]{padding:4px 8px;width:320px;font:inherit}
svg{max-width:100%;height:auto}svg text{font-family:inherit}.chart{margin:8px 0 20px}
table.sidebyside{table-layout:fixed;width:100%}table.sidebyside td{vertical-align:top;white-space:pre-wrap;
word-break:break-all}table.sidebyside td.ln,table.sidebyside th:nth-child(odd){width:3.5em;color:var(--muted)}
"""

JS = r"""
(function(){
  var doc=document.documentElement;
  window.addEventListener('error',function(e){doc.setAttribute('data-js-error',String(e.message||e));});
  function key(td){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent.trim();
    var n=Number(v);return (v!==''&&isFinite(n))?n:v;}
  function sortTable(t,i,dir){
    var ths=t.tHead.rows[0].cells,body=t.tBodies[0];
    for(var j=0;j<ths.length;j++)ths[j].removeAttribute('aria-sort');
    var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);
      var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y),'zh-CN');
      return dir==='ascending'?c:-c;});
    rows.forEach(function(r){body.appendChild(r);});
    ths[i].setAttribute('aria-sort',dir);t.setAttribute('data-sorted',i+':'+dir);}
  var tables=document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables,function(t){
    Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){
      th.tabIndex=0;th.title='点击排序';
      function go(){sortTable(t,i,th.getAttribute('aria-sort')==='ascending'?'descending':'ascending');}
      th.addEventListener('click',go);
      th.addEventListener('keydown',function(e){if(e.key==='Enter')go();});});});
  var m=/sort=(\d+):(asc|desc)/.exec(location.hash);
  if(m&&tables.length)sortTable(tables[0],+m[1],m[2]==='asc'?'ascending':'descending');
  var box=document.getElementById('filter');
  if(box)box.addEventListener('input',function(){var q=box.value.trim().toLowerCase();
    var t=document.querySelector('table.sortable');if(!t)return;
    Array.prototype.forEach.call(t.tBodies[0].rows,function(r){
      r.style.display=(!q||r.textContent.toLowerCase().indexOf(q)>=0)?'':'none';});});
  doc.setAttribute('data-js','ready');
})();
"""


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
            f"<script>{JS}</script>\n</body>\n</html>\n")


def table(headers, rows, cls: str = "", numeric=()) -> str:
    """``rows``: lists of cells; a cell is text (escaped here) or ``(html, sort_value)``."""
    out = [f'<table class="{cls}">' if cls else "<table>", "<thead><tr>"]
    for i, h in enumerate(headers):
        out.append(f'<th class="num">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>")
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            c = ' class="num"' if i in numeric else ""
            if isinstance(cell, tuple):
                html, sort = cell
                out.append(f'<td{c} data-sort="{escape(str(sort))}">{html}</td>')
            else:
                out.append(f"<td{c}>{escape(str(cell))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)
