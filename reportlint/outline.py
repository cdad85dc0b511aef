"""Build a :class:`Document` from text: title, headings (typed, run-in, Markdown, Word styles),
the heading tree, sections and their roles, the profile and the report's year."""
from __future__ import annotations

import re

from . import numbering
from .document import Document, Heading, Paragraph, split_paragraphs
from .profiles import Profile, detect, role_for
from .suppress import mask as mask_markers

HEADING_MAX = 40  # chars: a stand-alone heading longer than this reads as a paragraph (STR rule)
RUNIN_MAX = 60  # chars: a run-in heading ends at the first 。；：！？ within this many characters
_TERM = re.compile(r"[。；;！!？?：:]")
_INNER_TERM = re.compile(r"[。；;！!？?]")
_YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年")
_DATE_LINE = re.compile(r"^\s*(20\d\d|二〇[一二三四五六七八九〇]{2})\s*年\s*[0-9一二三四五六七八九十〇]{1,3}\s*月"
                        r"(\s*[0-9一二三四五六七八九十〇]{1,3}\s*日)?\s*$")
_CN_YEAR = str.maketrans("〇一二三四五六七八九", "0123456789")


def build(text: str, path: str = "<文本>", kind: str = "text", encoding: str = "utf-8",
          profiles: dict[str, Profile] | None = None, profile: str | None = None,
          year: int | None = None, styles: dict | None = None, parts: list | None = None) -> Document:
    doc = Document(text=text, path=path, kind=kind, encoding=encoding, parts=parts or [])
    analysed = mask_markers(text)  # suppression markers are not content: blank them for analysis
    doc.paragraphs = split_paragraphs(analysed)
    if parts:
        for p in doc.paragraphs:
            part = doc.part_at(p.start)
            if part is not None:
                p.part = part.label
                p.table = part.table
    _find_title(doc, styles or {})
    _find_headings(doc, styles or {})
    _build_tree(doc)
    _assign_sections(doc)
    profiles = profiles or {}
    title = doc.paragraphs[doc.title].text if doc.title is not None else ""
    if profile and profile in profiles:
        doc.profile, doc.profile_confidence = profile, 1.0
    else:
        body = analysed[:4000]
        tops = [h.text for h in doc.headings if h.parent is None or h.level <= 2]
        doc.profile, doc.profile_confidence = detect(title, tops, body, profiles)
    prof = profiles.get(doc.profile) if doc.profile else None
    doc.__dict__["_profile_obj"] = prof
    for h in doc.headings:
        if h.style not in ("ordinal", "yishi"):
            h.role = role_for(h.text, prof)
    doc.year = year or _report_year(doc)
    return doc


def _find_title(doc: Document, styles: dict) -> None:
    paras = doc.paragraphs
    if not paras:
        return
    titled = [p for p in paras[:3] if styles.get(p.line, (None, None))[1] == 0 and not p.table]
    if titled:  # Word "Title" / 标题 style
        doc.title = titled[0].index
        return
    first = paras[0]
    md = numbering.markdown_level(first.text)
    if md and md[0] == 1:
        doc.title = 0
    elif (numbering.parse(first.text) is None and len(first.text) <= 60
          and not first.text.endswith(("。", "：", ":")) and not _looks_like_address(first.text)):
        doc.title = 0
    else:
        return
    if len(paras) > 1:
        nxt = paras[1].text.lstrip("#").strip()
        if nxt.startswith(("——", "—", "--", "－－")) and len(nxt) <= 80:
            doc.subtitle = 1


def _looks_like_address(text: str) -> bool:
    return text.endswith(("：", ":")) and len(text) <= 20


def _find_headings(doc: Document, styles: dict) -> None:
    title_idx = {doc.title, doc.subtitle}
    for p in doc.paragraphs:
        if p.index in title_idx:
            continue
        style = styles.get(p.line)
        h = _heading_of(doc, p, style if style is None or style[1] else None)  # level 0: Title style
        if h is not None:
            p.heading = len(doc.headings)
            doc.headings.append(h)


def _heading_of(doc: Document, p: Paragraph, style: tuple | None) -> Heading | None:
    t = p.text
    if p.table:
        return None
    md = numbering.markdown_level(t) if doc.kind == "markdown" or t.startswith("#") else None
    if md and doc.kind != "markdown" and not t.startswith("# ") and not t.startswith("##"):
        md = None
    if style is not None or md is not None:
        # Word heading style or Markdown ATX heading: the whole line is the heading.
        off = md[1] if md else 0
        tok = numbering.parse(t[off:])
        text_start = off + (tok.end if tok else 0)
        level = 0 if md or not isinstance(style[1], int) else style[1]  # Word style level feeds the rank
        return Heading(p.start + (off + tok.start if tok else off), p.end, level,
                       "md" if md else "word", tok, t[text_start:].strip(), False, p.index)
    tok = numbering.parse(t)
    if tok is not None:
        rest = t[tok.end:]
        lead = len(rest) - len(rest.lstrip(" \u3000"))
        rest_s = rest.strip()
        if tok.style in ("ordinal", "yishi"):
            return _runin(p, tok, tok.end + lead, 0)
        inner = _INNER_TERM.search(rest_s[:-1]) if len(rest_s) > 1 else None
        sentence_like = rest_s.endswith(("。", "；", ";")) and (
            tok.style in ("arabic", "ar_paren", "circled") or "，" in rest_s or len(rest_s) > HEADING_MAX)
        if inner is None and not sentence_like and len(rest_s) <= RUNIN_MAX and not rest_s.endswith(("：", ":")):
            return Heading(p.start + tok.start, p.end, 0, tok.style, tok, rest_s.rstrip("。"), False, p.index)
        m = _TERM.search(rest_s)
        hend = m.end() if m and m.end() <= RUNIN_MAX and not sentence_like else 0
        return _runin(p, tok, tok.end + lead, hend)
    b = numbering.bold_lead(t)
    if b is not None:
        bs, be = b
        heading = t[bs:be]
        after = t[be + 2:].strip()
        h = Heading(p.start + bs - 2, p.start + be + 2, 0, "bold", None, heading.rstrip("。：:"),
                    bool(after), p.index)
        if after:
            p.body_start = p.start + be + 2 + (len(t[be + 2:]) - len(t[be + 2:].lstrip()))
        return h
    if len(t) <= 16 and not _INNER_TERM.search(t) and role_for(t, None) and not t.endswith(("：", ":")):
        return Heading(p.start, p.end, 0, "plain", None, t.rstrip("。"), False, p.index)
    return None


def _runin(p: Paragraph, tok: numbering.Token, text_off: int, hend: int) -> Heading:
    """A run-in heading: token (+ first short sentence) then body in the same paragraph."""
    t = p.text
    if hend:
        head = t[text_off:text_off + hend]
    else:  # the item is one sentence: show its first clause as the heading text
        head = re.split(r"[，,。；;：:！？]", t[text_off:], maxsplit=1)[0][:30]
    body_off = text_off + hend if hend else text_off
    while body_off < len(t) and t[body_off] in " \u3000":
        body_off += 1
    p.body_start = p.start + body_off if body_off < len(t) else None
    if p.body_start is None:  # nothing after the heading sentence: treat as stand-alone
        return Heading(p.start + tok.start, p.end, 0, tok.style, tok, head.rstrip("。；;：:"), False, p.index)
    return Heading(p.start + tok.start, p.start + text_off + hend, 0, tok.style, tok,
                   head.rstrip("。；;：:！？!?，,"), True, p.index)


def _rank(doc: Document, h: Heading, md_title: bool, base: int, has_numbered: bool) -> float:
    if h.style == "md":
        hashes = numbering.markdown_level(doc.paragraphs[h.para].text)[0]
        return hashes - (1 if md_title else 0)
    if h.style == "word":
        return float(h.level or 1)
    if h.style == "plain":
        return base + 1
    if h.style == "bold":
        return base + (5.5 if has_numbered else 1)
    return base + numbering.RANK[h.style]


def _build_tree(doc: Document) -> None:
    md_title = doc.title is not None and doc.paragraphs[doc.title].text.startswith("# ")
    outer = [h for h in doc.headings if h.style in ("md", "word")]
    base = 0
    if outer:
        base = max(_rank(doc, h, md_title, 0, False) for h in outer)
    has_numbered = any(h.token is not None and h.style not in ("md", "word") for h in doc.headings)
    stack: list[tuple[float, int]] = []
    for i, h in enumerate(doc.headings):
        r = _rank(doc, h, md_title, base, has_numbered)
        while stack and stack[-1][0] >= r:
            stack.pop()
        h.parent = stack[-1][1] if stack else None
        if h.parent is not None:
            doc.headings[h.parent].children.append(i)
        h.level = len(stack) + 1
        stack.append((r, i))


def _assign_sections(doc: Document) -> None:
    current = None
    for p in doc.paragraphs:
        if p.heading is not None:
            current = p.heading
        p.section = current


def _report_year(doc: Document) -> int | None:
    """The report's own year: from the title, else from a date line near the end."""
    for idx in (doc.title, doc.subtitle):
        if idx is not None:
            m = _YEAR_IN_TITLE.search(doc.paragraphs[idx].text)
            if m:
                return int(m.group(1))
    for p in reversed(doc.paragraphs[-6:]):
        m = _DATE_LINE.match(p.text)
        if m:
            y = m.group(1).translate(_CN_YEAR)
            if y.isdigit():
                return int(y)
    return None
