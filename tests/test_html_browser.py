"""The batch and summary HTML pages rendered by a real browser (headless Chromium).

Chromium is required, not optional: CI's ``.ci/run`` installs the Debian package. Without it
these tests fail with a message saying how to install it.
"""
from __future__ import annotations

import importlib.util
import os
from html.parser import HTMLParser

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("screenshot_html", os.path.join(ROOT, "benchmarks",
                                                                              "screenshot_html.py"))
shots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shots)


class DomProbe(HTMLParser):
    """Rows of the first sortable table, SVG charts, and attributes of <html>/<table>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict = {}
        self.table_attrs: dict = {}
        self.rows: list[list[str]] = []
        self.charts: list[str] = []
        self.marks: list[str] = []
        self.scripts = 0
        self._depth = 0  # inside the first sortable table's tbody
        self._done = False
        self._cell: list[str] | None = None
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "script":
            self.scripts += 1
        elif tag == "svg" and "data-chart" in a:
            self.charts.append(a["data-chart"])
        elif tag == "mark":
            self._in_mark = True
            self.marks.append("")
        elif tag == "table" and "sortable" in (a.get("class") or "") and not self._done and not self.table_attrs:
            self.table_attrs = a
        elif tag == "tbody" and self.table_attrs and not self._done:
            self._depth = 1
        elif tag == "tr" and self._depth:
            self.rows.append([])
        elif tag == "td" and self._depth:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tbody" and self._depth:
            self._depth = 0
            self._done = True
        elif tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_mark:
            self.marks[-1] += data


def probe(path: str, fragment: str = "") -> DomProbe:
    if shots.find_chromium() is None:
        pytest.fail("需要 headless Chromium 来检查 HTML 页面，但没有找到 /usr/bin/chromium。"
                    "请安装：apt-get update && apt-get install -y chromium（CI 的 .ci/run 会自动安装）。")
    p = DomProbe()
    p.feed(shots.dump_dom(path, fragment))
    return p


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPORTLINT_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield _build(tmp_path_factory.mktemp("html"))


def _build(out):
    src = out / "收件箱"
    src.mkdir()
    corpus = os.path.join(ROOT, "corpora", "reports", "work-report")
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))[:4]
    for n in names:
        (src / n).write_bytes(open(os.path.join(corpus, n), "rb").read())
    (src / "注入.txt").write_text("关于××的汇报\n<script>document.title='被注入'</script>××<b>粗体</b>\n",
                                 encoding="utf-8")
    (src / "损坏.txt").write_bytes(bytes(range(256)) * 4)
    batch_html, summary_html = shots.build_pages(str(out), batch_src=str(src), summary_src=corpus)
    return {"batch": batch_html, "summary": summary_html, "files": sorted(names + ["注入.txt", "损坏.txt"]),
            "dir": out}


def test_batch_page_in_browser(pages):
    p = probe(pages["batch"])
    assert p.html_attrs.get("data-js") == "ready", "the page's script did not run"
    assert "data-js-error" not in p.html_attrs, p.html_attrs.get("data-js-error")
    assert p.scripts == 1  # the report text's <script> stayed text
    assert sorted(os.path.basename(r[0]) for r in p.rows) == pages["files"]
    by_name = {os.path.basename(r[0]): r for r in p.rows}
    assert by_name["损坏.txt"][1] == "无法读取"
    assert by_name["注入.txt"][1] == "有错误" and int(by_name["注入.txt"][6]) >= 2  # 占位符 column
    assert "××" in p.marks


def test_batch_page_sorts_in_browser(pages):
    p = probe(pages["batch"], "sort=3:desc")  # column 3 = 错误
    assert p.table_attrs.get("data-sorted") == "3:descending"
    errors = [int(r[3]) for r in p.rows]
    assert errors == sorted(errors, reverse=True) and errors[0] > errors[-1]
    p = probe(pages["batch"], "sort=0:asc")  # 文件, Chinese collation
    names = [r[0] for r in p.rows]
    assert p.table_attrs.get("data-sorted") == "0:ascending" and len(names) == len(pages["files"])


def test_summary_page_in_browser(pages):
    p = probe(pages["summary"])
    assert p.html_attrs.get("data-js") == "ready" and "data-js-error" not in p.html_attrs
    assert p.charts == ["labels", "labels-by-role", "length-report", "length-section", "length-paragraph",
                        "density", "terms"]
    corpus = os.path.join(ROOT, "corpora", "reports", "work-report")
    n = len([f for f in os.listdir(corpus) if f.endswith((".txt", ".md"))])
    assert len(p.rows) == n  # the per-report table (the page's only sortable table)


def test_screenshots(pages):
    if shots.find_chromium() is None:
        pytest.fail("需要 chromium：apt-get install -y chromium")
    for name in ("batch", "summary"):
        png = shots.screenshot(pages[name], str(pages["dir"] / f"{name}.png"), size="1000,1400")
        with open(png, "rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
        assert os.path.getsize(png) > 10_000


# Draws a Chinese character and a code point no font has (U+10FFFD) in the page's own font stack:
# where Chinese falls back to the missing-glyph box, the two drawings are the same pixels.
GLYPH_PROBE = """<script>(function(){var c=document.createElement('canvas');c.width=c.height=48;
var x=c.getContext('2d'),fam=getComputedStyle(document.body).fontFamily;
function px(ch){x.clearRect(0,0,48,48);x.font='32px '+fam;x.fillText(ch,4,36);
var d=x.getImageData(0,0,48,48).data,s='',ink=0;for(var i=3;i<d.length;i+=4){s+=d[i]>127?'1':'0';if(d[i]>127)ink++;}
return [s,ink];}
var box=px('\\u{10FFFD}'),out=[];'报告汇总'.split('').forEach(function(ch){var p=px(ch);
out.push(p[1]>20&&p[0]!==box[0]?'glyph':'box');});
document.documentElement.setAttribute('data-cjk',out.join(' '));})();</script>"""


@pytest.mark.parametrize("name", ["batch", "summary"])
def test_chinese_renders_as_glyphs_not_boxes(pages, name, tmp_path):
    """Fails on a machine without a CJK font (install fonts-noto-cjk): Chinese would be boxes."""
    html = open(pages[name], encoding="utf-8").read().replace("</body>", GLYPH_PROBE + "</body>")
    probe_page = tmp_path / f"{name}.html"
    probe_page.write_text(html, encoding="utf-8")
    p = probe(str(probe_page))
    assert p.html_attrs.get("data-cjk") == "glyph glyph glyph glyph", (
        "汉字显示成了方框：请安装中文字体（Debian：apt-get install -y fonts-noto-cjk）")


def test_glyph_probe_sees_boxes_without_a_cjk_font(tmp_path, monkeypatch):
    """The probe above can fail: with fontconfig limited to DejaVu (no Chinese), it reports boxes."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f'<dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>',
                    encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>报告</p>" + GLYPH_PROBE + "</body></html>", encoding="utf-8")
    assert probe(str(page)).html_attrs.get("data-cjk") == "box box box box"


# Measures every chart as Chromium drew it: the boxes of all visible text (tick labels, value labels,
# category labels, legend, titles) must not intersect each other, nor a bar (except a share written
# inside its own part), nor leave the chart; and every chart has its axis lines.
CHART_PROBE = """<script>(function(){var bad=[],noaxis=[],n=0;
function hit(a,b){return a.x+0.5<b.x+b.width&&b.x+0.5<a.x+a.width&&a.y+0.5<b.y+b.height&&b.y+0.5<a.y+a.height;}
document.querySelectorAll('svg.chart').forEach(function(svg){n++;var name=svg.getAttribute('data-chart'),
vb=svg.viewBox.baseVal,texts=[],bars=[];
svg.querySelectorAll('text').forEach(function(t){var b=t.getBBox();if(b.width>0)texts.push([t,b]);});
svg.querySelectorAll('rect.bar').forEach(function(r){var b=r.getBBox();if(b.width>0&&b.height>0)bars.push(b);});
texts.forEach(function(p,i){var t=p[0],b=p[1],lab=t.textContent.trim();
if(b.x<0||b.y<0||b.x+b.width>vb.width||b.y+b.height>vb.height)bad.push(name+': '+lab+' outside');
for(var j=i+1;j<texts.length;j++)if(hit(b,texts[j][1]))bad.push(name+': '+lab+' x '+texts[j][0].textContent.trim());
if(!t.classList.contains('inside'))bars.forEach(function(r){if(hit(b,r))bad.push(name+': '+lab+' on a bar');});});
if(svg.querySelectorAll('line.axis').length<2)noaxis.push(name);});
var h=document.documentElement;h.setAttribute('data-charts',String(n));
h.setAttribute('data-overlaps',bad.length?bad.join(' | '):'none');
h.setAttribute('data-noaxis',noaxis.length?noaxis.join(' '):'none');})();</script>"""


def chart_probe(page: str, tmp_path) -> dict:
    html = open(page, encoding="utf-8").read().replace("</body>", CHART_PROBE + "</body>")
    probe_page = tmp_path / "charts.html"
    probe_page.write_text(html, encoding="utf-8")
    return probe(str(probe_page)).html_attrs


def test_summary_charts_have_axes_and_no_overlapping_text(pages, tmp_path):
    a = chart_probe(pages["summary"], tmp_path)
    assert a.get("data-charts") == "7"
    assert a.get("data-noaxis") == "none"
    assert a.get("data-overlaps") == "none"


def test_chart_probe_sees_overlaps(tmp_path):
    """The probe can fail: a value label drawn over the chart's title, a label on a bar, no axis."""
    page = tmp_path / "p.html"
    page.write_text('<html><body><svg class="chart" data-chart="c" viewBox="0 0 300 100" width="300" height="100">'
                    '<text x="10" y="20" font-size="15">标题文字</text><text x="20" y="24" font-size="12">146</text>'
                    '<rect class="bar" x="100" y="40" width="50" height="40"/><text x="110" y="60">字</text>'
                    "</svg></body></html>", encoding="utf-8")
    a = chart_probe(str(page), tmp_path)
    assert a.get("data-noaxis") == "c"
    assert a.get("data-overlaps") == "c: 标题文字 x 146 | c: 字 on a bar"
