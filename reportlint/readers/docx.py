"""Read a Word (.docx) report into the text the reader sees, with its parts marked.

A .docx is untrusted input: before python-docx touches it the package is checked with
:mod:`zipfile` alone (:mod:`reportlint.readers.docx_package`: not a zip, zip bombs, truncation, missing
parts). Only then is it opened with python-docx, whose XML parser does not resolve entities.
Anything python-docx or lxml raises on a malformed package becomes an
:class:`~reportlint.errors.InputError` naming the file: one broken submission never stops a batch.

What the text contains, in order:

* body paragraphs in document order (inside content controls too), each one line (a soft line
  break inside a paragraph stays a line break); automatic numbering is rebuilt from numbering.xml
  (:mod:`reportlint.readers.docx_numbering`), so a heading numbered by Word reads “一、基本情况”;
  each gets ``Part(label="", para=N)`` so findings say 第 N 段 (N counts non-empty body paragraphs);
  heading styles (Heading 1–9 / 标题 1–9 / outline level, Title / 标题 → level 0) go into
  ``Source.styles`` and the east-Asian font of short paragraphs into ``Source.fonts``;
* table cells in place, one line per cell paragraph, ``Part("表格 R行C列", table=True)``
  (the second table on is “表格2 R行C列” …; R and C count grid rows and columns);
* then text boxes of the body (“文本框”), then page headers (“页眉”) and footers (“页脚”) of all
  sections with their text boxes and VML watermarks (“水印”), each distinct text once.
"""
from __future__ import annotations

import re
import zipfile

from .docx_numbering import W, Numbering
from .docx_package import CORRUPT, check_package
from ..errors import InputError
from .base import MAX_PARAGRAPHS, Part, Reader, Source

FONT_MAX = 60  # fonts are recorded for paragraphs this short (heading candidates) or heading-styled

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_P, _R, _T, _TBL, _TR, _TC = (W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _RPR, _SDT, _SDTC = W + "pPr", W + "rPr", W + "sdt", W + "sdtContent"
_TXBX, _TEXTPATH = W + "txbxContent", _V + "textpath"
_BREAKS = {W + "br", W + "cr"}
_TABS = {W + "tab", W + "ptab"}
_SKIP = {_MC + "Fallback", W + "del", W + "moveFrom", W + "instrText", W + "delText", _PPR, _RPR,
         W + "sectPr", W + "tblPr", W + "tcPr", W + "trPr", W + "tblGrid", W + "fldChar"}
_WRAPPERS = {W + "customXml", W + "ins", W + "moveTo", W + "smartTag", W + "hyperlink", W + "fldSimple",
             _SDT, _SDTC}
_HEADING = re.compile(r"^(?:heading|标题)\s*([1-9])$")
_TITLE = {"title", "标题"}


# ---------------------------------------------------------------- reading

def read_docx(path: str, max_paragraphs: int = MAX_PARAGRAPHS, keep_elements: bool = False):
    """Read a .docx into a :class:`~reportlint.readers.base.Source` (kind ``"docx"``).

    With ``keep_elements`` the result is ``(document, source, elements)``: the python-docx
    document and, for each part of the source, the body ``w:p`` it was read from (None for
    headers, footers, text boxes and watermarks), so that findings can be written back.
    """
    check_package(path)
    try:
        import docx  # python-docx: imported only here, never on the .txt path
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("读取 .docx 需要 python-docx：pip install python-docx。", path) from None
    try:
        document = docx.Document(path)
    except Exception as exc:  # hostile input: whatever the parser raises is the file's fault
        raise InputError(_parse_failure(exc), path) from None
    try:
        reader = _Reader(document, path, max_paragraphs)
        source = reader.run()
        return (document, source, reader.elements) if keep_elements else source
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed part must not take the batch down
        raise InputError(_parse_failure(exc), path) from None


def _parse_failure(exc: Exception) -> str:
    if isinstance(exc, (zipfile.BadZipFile, EOFError)) or "zlib" in type(exc).__module__ or "CRC" in str(exc):
        return CORRUPT
    if "not a Word file" in str(exc):
        return "这不是 Word 文字文档（主文档类型不对，可能是模板 .dotx 或宏文档 .docm 改了扩展名）；请在 Word 中另存为 .docx。"
    return f"无法解析 Word 文件（{type(exc).__name__}），文件可能已损坏；请在 Word 中打开后另存为 .docx 再检查。"


def _val(el, child: str, default=None):
    if el is None:
        return default
    c = el.find(W + child)
    return default if c is None else c.get(W + "val", default)


def _rfonts(rpr) -> tuple[str | None, str | None]:
    f = rpr.find(W + "rFonts") if rpr is not None else None
    if f is None:
        return None, None
    return f.get(W + "eastAsia"), f.get(W + "eastAsiaTheme")


class _Style:
    __slots__ = ("name", "based", "outline", "numpr", "font", "theme")

    def __init__(self, el):
        self.name = _val(el, "name", el.get(W + "styleId", ""))
        self.based = _val(el, "basedOn")
        ppr = el.find(_PPR)
        self.outline = _val(ppr, "outlineLvl")
        np_ = ppr.find(W + "numPr") if ppr is not None else None
        self.numpr = (_val(np_, "numId"), _val(np_, "ilvl")) if np_ is not None else None
        self.font, self.theme = _rfonts(el.find(_RPR))


class _Reader:
    def __init__(self, document, path: str, max_paragraphs: int):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        self.document, self.path, self.max = document, path, max_paragraphs
        self.rt = RT
        self.chunks: list[str] = []
        self.pos, self.line, self.count, self.para_no, self.tables = 0, 1, 0, 0, 0
        self.parts: list[Part] = []
        self.elements: list = []  # per part: the body w:p it came from, or None
        self.in_body = True
        self.styles: dict[int, tuple[str, int]] = {}
        self.fonts: dict[int, str] = {}
        self.seen: set[tuple[str, str]] = set()
        self.styles_by_id: dict[str, _Style] = {}
        self.default_pstyle = None
        sroot = document.styles.element
        for s in sroot.iterchildren(W + "style"):
            sid = s.get(W + "styleId")
            self.styles_by_id[sid] = _Style(s)
            if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true", "on"):
                self.default_pstyle = sid
        dflt = sroot.find(f"{W}docDefaults/{W}rPrDefault/{_RPR}")
        self.doc_font = _rfonts(dflt)
        self.theme = self._theme_fonts()
        self.levels: dict[str, int | None] = {}
        num_root = self._related_element(RT.NUMBERING)
        self.numbering = Numbering(num_root, {k: v.numpr for k, v in self.styles_by_id.items() if v.numpr})

    # -- parts of the package
    def _related_element(self, reltype):
        try:
            return self.document.part.part_related_by(reltype).element
        except (KeyError, AttributeError):
            return None

    def _theme_fonts(self) -> dict[str, str]:
        from docx.oxml.parser import parse_xml  # python-docx's parser: entities are not resolved

        try:
            root = parse_xml(self.document.part.part_related_by(self.rt.THEME).blob)
        except Exception:  # noqa: BLE001 - no theme, or a broken one: fonts stay unknown
            return {}
        out = {}
        for kind in ("major", "minor"):
            f = root.find(f".//{_A}{kind}Font")
            if f is None:
                continue
            ea = f.find(_A + "ea")
            face = ea.get("typeface") if ea is not None else ""
            if not face:
                face = next((x.get("typeface") for x in f.iterchildren(_A + "font") if x.get("script") == "Hans"), "")
            if face:
                out[kind + "EastAsia"] = face
        return out

    # -- output
    def emit(self, text: str, label: str, para: int = 0, table: bool = False, style=None, font=None,
             dedupe: bool = False, element=None) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return
        if dedupe:
            key = (label, text.strip())
            if key in self.seen:
                return
            self.seen.add(key)
        self.count += 1
        if self.count > self.max:
            raise InputError(f"段落过多（超过 {self.max} 段）；reportlint 用于检查单篇报告，请拆分文件后再检查。",
                             self.path)
        if self.chunks:
            self.chunks.append("\n")
            self.pos += 1
            self.line += 1
        start = self.pos
        self.chunks.append(text)
        self.pos += len(text)
        self.parts.append(Part(start, self.pos, label, para, table))
        self.elements.append(element if self.in_body else None)
        if style is not None:
            self.styles[self.line] = style
        if font:
            self.fonts[self.line] = font
        self.line += text.count("\n")

    def run(self) -> Source:
        body = self.document.element.body
        boxes: list = []
        self.block(body, None, boxes)
        self.in_body = False
        self.boxes(boxes, "文本框")
        for reltype, label in ((self.rt.HEADER, "页眉"), (self.rt.FOOTER, "页脚")):
            rels = [r for r in self.document.part.rels.values() if r.reltype == reltype and not r.is_external]
            for rel in sorted(rels, key=lambda r: str(r.target_part.partname)):
                inner: list = []
                self.block(rel.target_part.element, (label, False), inner, dedupe=True)
                self.boxes(inner, "文本框")
        return Source(path=self.path, text="".join(self.chunks), encoding="docx", kind="docx",
                      parts=self.parts, styles=self.styles, fonts=self.fonts)

    def boxes(self, boxes: list, label: str) -> None:
        i = 0
        while i < len(boxes):  # text boxes may hold text boxes: the list grows while we walk it
            box = boxes[i]
            i += 1
            if isinstance(box, str):
                self.emit(box, "水印", dedupe=True)
            else:
                self.block(box, (label, False), boxes, dedupe=True)

    # -- walking
    def block(self, el, ctx, boxes: list, dedupe: bool = False) -> None:
        for ch in el.iterchildren():
            tag = ch.tag
            if tag == _P:
                self.paragraph(ch, ctx, boxes, dedupe)
            elif tag == _TBL:
                self.table(ch, ctx, boxes, dedupe)
            elif tag in _WRAPPERS:
                self.block(ch, ctx, boxes, dedupe)

    def table(self, tbl, ctx, boxes: list, dedupe: bool) -> None:
        if ctx is None:
            self.tables += 1
        k = self.tables
        for r, tr in enumerate(_children(tbl, _TR), 1):
            col = 1 + int(_val(tr.find(W + "trPr"), "gridBefore", "0") or 0)
            for tc in _children(tr, _TC):
                span = _val(tc.find(W + "tcPr"), "gridSpan", "1")
                label = (f"表格 {r}行{col}列" if k == 1 else f"表格{k} {r}行{col}列") if ctx is None else ctx[0]
                self.block(tc, (label, ctx is None or ctx[1]), boxes, dedupe)
                col += max(1, int(span)) if str(span).isdigit() else 1

    def paragraph(self, p, ctx, boxes: list, dedupe: bool) -> None:
        ppr = p.find(_PPR)
        sid = _val(ppr, "pStyle") or self.default_pstyle
        out: list[str] = []
        _collect(p, out, boxes)
        text = "".join(out)
        if ctx is None:  # body: numbering, styles, fonts, 第 N 段
            num_id, ilvl = self._numpr(ppr, sid)
            if num_id:
                text = self.numbering.next_label(num_id, ilvl) + text
            if not text.strip():
                return
            self.para_no += 1
            level = self._level(ppr, sid)
            style = (self.styles_by_id[sid].name if sid in self.styles_by_id else sid or "", level)
            font = self._font(p, sid) if level is not None or len(text) <= FONT_MAX else None
            self.emit(text, "", para=self.para_no, style=style if level is not None else None, font=font,
                      element=p)
        else:
            self.emit(text, ctx[0], table=ctx[1], dedupe=dedupe, element=p)

    def _numpr(self, ppr, sid):
        np_ = ppr.find(W + "numPr") if ppr is not None else None
        if np_ is not None:
            num_id, ilvl = _val(np_, "numId"), _val(np_, "ilvl")
            if num_id is not None:
                return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0
        for s in self._chain(sid):
            if s.numpr and s.numpr[0]:
                num_id, ilvl = s.numpr
                if ilvl is None:
                    found = self.numbering.level_for_style(num_id, sid)
                    return num_id, found or 0
                return num_id, int(ilvl) if ilvl.isdigit() else 0
        return None, 0

    def _chain(self, sid):
        seen = 0
        while sid and sid in self.styles_by_id and seen < 12:
            s = self.styles_by_id[sid]
            yield s
            sid, seen = s.based, seen + 1

    def _level(self, ppr, sid) -> int | None:
        """Heading level of a paragraph: 0 for Title, 1.. for headings, None for body text."""
        direct = _val(ppr, "outlineLvl")
        if direct is not None and direct.isdigit():
            return int(direct) + 1 if int(direct) < 9 else None
        if sid in self.levels:
            return self.levels[sid]
        level = None
        for s in self._chain(sid):
            name = s.name.strip().lower()
            m = _HEADING.match(name)
            if m:
                level = int(m.group(1))
                break
            if name in _TITLE:
                level = 0
                break
            if s.outline is not None and s.outline.isdigit():
                level = int(s.outline) + 1 if int(s.outline) < 9 else None
                break
        self.levels[sid] = level
        return level

    def _font(self, p, sid) -> str | None:
        """East-Asian font of the first run with text, else of the paragraph style chain, defaults, theme."""
        run = next((r for r in _runs(p) if any((t.text or "").strip() for t in r.iterchildren(_T))), None)
        cands = []
        if run is not None:
            rpr = run.find(_RPR)
            cands.append(_rfonts(rpr))
            cands += [(s.font, s.theme) for s in self._chain(_val(rpr, "rStyle"))]
        cands += [(s.font, s.theme) for s in self._chain(sid)]
        cands.append(self.doc_font)
        for font, theme in cands:
            if font:
                return font
            if theme:
                return self.theme.get(theme)
        return None


def _children(el, tag):
    """Direct children with ``tag``, looking through content controls and custom XML wrappers."""
    for ch in el.iterchildren():
        if ch.tag == tag:
            yield ch
        elif ch.tag in (_SDT, _SDTC, W + "customXml"):
            yield from _children(ch, tag)


def _runs(p):
    for ch in p.iterchildren():
        if ch.tag == _R:
            yield ch
        elif ch.tag in _WRAPPERS:
            yield from _runs(ch)


def _collect(el, out: list[str], boxes: list) -> None:
    """Text of a paragraph (text boxes and VML watermark strings go to ``boxes``)."""
    for ch in el.iterchildren():
        tag = ch.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            out.append(ch.text or "")
        elif tag in _TABS:
            out.append("\t")
        elif tag in _BREAKS:
            if ch.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == _TXBX:
            boxes.append(ch)
        elif tag == _TEXTPATH:
            s = ch.get("string")
            if s and s.strip():
                boxes.append(s)
        elif tag != _P:
            _collect(ch, out, boxes)


def is_zip(head: bytes) -> bool:
    """A .doc/.wps that is really a .docx (template sites do this) starts like any zip."""
    return head[:4] == b"PK\x03\x04"


READER = Reader("docx", frozenset({".docx"}), read_docx,
                fix_refusal="Word 文件（.docx）不能自动修正：其中的格式、批注和修订无法原样保留。"
                            "可改用 --annotate 另存一份带批注和修订（可在 Word/WPS 中逐条接受）的副本。",
                sniff=is_zip)
