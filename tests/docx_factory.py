"""Build .docx test files with python-docx plus the low-level XML python-docx has no API for:
numbering definitions, text boxes, VML watermarks. Used by test_docx.py and test_hostile.py."""
from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
NS_V = "urn:schemas-microsoft-com:vml"
NS_O = "urn:schemas-microsoft-com:office:office"


def new_document():
    return docx.Document()


def set_east_asian_font(run, name: str) -> None:
    """What Word writes for a Chinese font: ``w:rFonts/@w:eastAsia`` (python-docx only sets ascii)."""
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def add_abstract_numbering(document, abstract_id: int, levels) -> None:
    """``levels``: [(numFmt, lvlText, start), ...] for ilvl 0, 1, …"""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels))
    el = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                   f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    root = document.part.numbering_part.element
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(el)
    else:
        root.append(el)


def add_num(document, num_id: int, abstract_id: int, start_overrides: dict | None = None) -> None:
    """A numbering instance; ``start_overrides`` {ilvl: start} restarts those levels (Word's 重新开始编号)."""
    over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                   for i, v in (start_overrides or {}).items())
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{over}</w:num>'))


def set_numbering(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def link_style_numbering(document, style_name: str, num_id: int, ilvl: int) -> None:
    """Number every paragraph of a style (how Word's multilevel heading lists work)."""
    style = document.styles[style_name]
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _box_paragraphs(text: str) -> str:
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in text.split("\n"))


def add_text_box(paragraph, text: str) -> None:
    """A floating text box as Word 2010+ writes it: DrawingML in mc:Choice, the same text in a VML
    mc:Fallback (the reader must report it once)."""
    body = _box_paragraphs(text)
    xml = (
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:mc="{NS_MC}" xmlns:wps="{NS_WPS}" xmlns:v="{NS_V}">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"'
        ' locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="77" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt"><v:textbox>'
        f'<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


def add_vml_watermark(paragraph, text: str) -> None:
    """Word's 设计 → 水印 → 自定义文字水印: a VML WordArt shape in the header."""
    xml = (f'<w:r {nsdecls("w")} xmlns:v="{NS_V}" xmlns:o="{NS_O}"><w:pict>'
           '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
           'style="position:absolute;width:400pt;height:100pt;rotation:315" fillcolor="silver" stroked="f">'
           f'<v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string="{text}"/>'
           '</v:shape></w:pict></w:r>')
    paragraph._p.append(parse_xml(xml))


def add_deleted_and_inserted(paragraph, deleted: str, inserted: str) -> None:
    """Tracked changes: deleted text is not what the reader sees, inserted text is."""
    xml = (f'<w:root {nsdecls("w")}><w:del w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r>'
           f'<w:delText>{deleted}</w:delText></w:r></w:del>'
           f'<w:ins w:id="2" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:t>{inserted}</w:t></w:r></w:ins>'
           '</w:root>')
    for el in list(parse_xml(xml)):
        paragraph._p.append(el)
