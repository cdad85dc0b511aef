"""Build a :class:`Document` from text: title, headings (typed, run-in, Markdown, Word styles),
the heading tree, sections and their roles, the profile and the report's year."""
from __future__ import annotations

import re

from . import numbering
from .document import Document, Heading, Paragraph, split_paragraphs
from .profiles import Profile, detect, names_role, role_for
from .suppress import mask as mask_markers

# Below this detection confidence the report type is 未能判断 (measured: at or above it the detected
# type was right on 14 of 14 dev-set reports and 145 of 147 corpus reports; below it on 2 of 5 and 13 of 16).
PROFILE_MIN_CONFIDENCE = 0.7
HEADING_MAX = 40  # chars: a stand-alone heading longer than this reads as a paragraph (STR rule)
RUNIN_MAX = 60  # chars: a run-in heading ends at the first 。；：！？ within this many characters
RUNIN_HEAD_MAX = 30  # chars: a first sentence this short, followed by more, is a run-in heading
_FIXING = re.compile(r"(?:补齐|补强|补足|补上|弥补|破解|解决|攻克|突破|化解|整改|克服|聚焦)[^，,；;。]{0,12}"
                     r"(?:短板|问题|不足|差距|弱项|难题|瓶颈)")
_TERM = re.compile(r"[。；;！!？?：:]")
_INNER_TERM = re.compile(r"[。；;！!？?]")
_YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年")
DATE_LINE = re.compile(r"^\s*(20\d\d|二〇[一二三四五六七八九〇]{2})\s*年\s*[0-9一二三四五六七八九十〇]{1,3}\s*月"
                        r"(\s*[0-9一二三四五六七八九十〇]{1,3}\s*日)?\s*$")
_CN_YEAR = str.maketrans("〇一二三四五六七八九", "0123456789")
# Lines above the title that are not the title: an attachment mark (GB/T 9704-2012 8.2 “附件2”).
_PRE_TITLE = re.compile(r"^(?:附件\s*[0-9０-９一二三四五六七八九十]*|附)\s*[:：]?\s*$")
# An appendix heading in the body: “附：调研中的三个典型案例”“附件1：重点项目清单”.
_APPENDIX = re.compile(r"^(?:附件\s*[0-9０-９一二三四五六七八九十]*|附(?:录|表)?\s*[0-9０-９一二三四五六七八九十]*)"
                       r"\s*[:：]\s*[^。；;！？]{1,38}$")
# A by-line under the title: the writing unit or the authors (“××局调研组”“执笔：张三”).
_BYLINE = re.compile(r"(?:执笔|作者|撰稿|调研组|课题组|起草组)|"
                     r"(?:局|委|办|组|队|中心|院|会|所|部|处|科|站|室|公司|政府|街道|社区|支部|党委|党组)$")
# Half-width marks that stand for Chinese punctuation when not inside a number or a Latin word.
_HALF = re.compile(r"(?<![0-9A-Za-z])[.,;:!?](?![0-9A-Za-z])")
_FULL = {".": "。", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
# The item after the first of an inline enumeration: 一是……二是…… / 第一，……第二，……
_NEXT_ITEM = {"yishi": "{n}(?:是|要|抓)", "ordinal": "第{n}[，,、：:]"}


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
    # The genre is often named only in the subtitle (“让老旧小区……”——“关于……的调研报告”).
    title = "\n".join(doc.paragraphs[i].text for i in (doc.title, doc.subtitle) if i is not None)
    if profile and profile in profiles:
        doc.profile, doc.profile_confidence = profile, 1.0
    else:
        body = analysed[:4000]
        tops = [h.text for h in doc.headings if h.parent is None or h.level <= 2]
        guess, conf = detect(title, tops, body, profiles)
        doc.profile_confidence = conf
        if guess and conf >= PROFILE_MIN_CONFIDENCE:
            doc.profile = guess
        else:  # 未能判断: no skeleton demands on a report whose type is a guess
            doc.profile, doc.profile_guess = None, guess
    prof = profiles.get(doc.profile) if doc.profile else None
    doc.__dict__["_profile_obj"] = prof
    _assign_roles(doc, prof)
    doc.year, doc.year_source = (year, "option") if year else _report_year(doc)
    return doc


def _assign_roles(doc: Document, prof: Profile | None) -> None:
    """The section role each heading names.

    A top-level heading names a role when it contains one of the role's names (“二、主要工作及成效”).
    A sub-heading names one only when it is itself a section name (“（二）存在的主要问题”, see
    :func:`profiles.names_role`), not a content heading that happens to contain a keyword
    (“（四）涉诈‘两卡’问题向农村蔓延”, “（七）困难群体兜底”); such a sub-heading inherits the
    role of its section.
    """
    for h in doc.headings:
        if h.style in ("ordinal", "yishi", "appendix"):
            continue
        role = role_for(h.text, prof)
        if role and h.parent is not None and not names_role(h.text, role, prof):
            role = None
        elif role == "problem" and _FIXING.search(h.text):
            # a shortfall as the object of the work (“聚焦项目建设，加快补齐基础设施短板”) heads
            # what was done, not a 存在的问题 section (“四、正视差距，清醒认识不足” still does)
            role = None
        h.role = role


def _find_title(doc: Document, styles: dict) -> None:
    paras = doc.paragraphs
    if not paras:
        return
    titled = [p for p in paras[:3] if styles.get(p.line, (None, None))[1] == 0 and not p.table]
    if titled:  # Word "Title" / 标题 style
        doc.title = titled[0].index
        return
    i = 0
    while i < len(paras) - 1 and i < 3 and _PRE_TITLE.match(paras[i].text):
        i += 1
    first = paras[i]
    md = numbering.markdown_level(first.text)
    if md and md[0] == 1:
        doc.title = i
    elif (numbering.parse(first.text) is None and len(first.text) <= 60
          and not first.text.endswith(("。", "：", ":")) and not _looks_like_address(first.text)):
        doc.title = i
    else:
        return
    if len(paras) > i + 1:
        nxt = paras[i + 1].text.lstrip("#").strip().strip("*").strip()
        if nxt.startswith(("——", "—", "--", "－－")) and len(nxt) <= 80:
            doc.subtitle = i + 1
        elif _title_continues(first.text, nxt):
            doc.subtitle = i + 1  # a long title broken over two lines: its second line


_GENRE_END = re.compile(r"(?:报告|汇报|总结|材料|发言|讲话|情况|做法|体会|思考|建议|纪实|述职|述廉)[)）]?$")


def _title_continues(title: str, nxt: str) -> bool:
    """“关于2026年上半年” + “农村公路建设情况的汇报”: the second line ends the title's phrase."""
    t = title.strip().strip("#* ")
    return (len(nxt) <= 40 and not _GENRE_END.search(t) and bool(_GENRE_END.search(nxt))
            and numbering.parse(nxt) is None and not _INNER_TERM.search(nxt) and not nxt.endswith(("：", ":")))


def _looks_like_address(text: str) -> bool:
    return text.endswith(("：", ":")) and len(text) <= 20


def _find_headings(doc: Document, styles: dict) -> None:
    title_idx = {doc.title, doc.subtitle}
    last = max((i for i in title_idx if i is not None), default=None)
    attach_next = 0  # inside a numbered attachment note: the number its next line carries
    attach_style = "arabic"  # and the numbering style of its items (None: any, set by the first)
    for p in doc.paragraphs:
        if p.index in title_idx:
            continue
        if last is not None and p.index == last + 1 and _is_byline(p.text) and styles.get(p.line) is None:
            continue
        style = styles.get(p.line)
        if attach_next:
            if style is None and _attachment_item(p.text, attach_next, attach_style):
                attach_next += 1
                attach_style = numbering.parse(p.text.strip()).style
                continue
            attach_next, attach_style = 0, None
        if style is None and _ATTACH_MARK.match(p.text.strip()):
            attach_next, attach_style = 1, None  # “附1：” alone: the attachments' names follow
            continue
        h = _heading_of(doc, p, style if style is None or style[1] else None)  # level 0: Title style
        if h is not None:
            p.heading = len(doc.headings)
            doc.headings.append(h)
        elif style is None and (m := _ATTACH_LIST.match(p.text.strip())) is not None:
            attach_next = int(m.group(1).translate(_FW_DIGITS)) + 1
            attach_style = "arabic"


# An attachment note listing several attachments (GB/T 9704-2012 7.3.5): “附件：1.××进度表” and,
# on the lines below, “2.××统计表” — the numbered lines go on the note, they are not headings.
_ATTACH_LIST = re.compile(r"^附件\s*[:：]\s*([0-9０-９]{1,2})\s*[.．、]")
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# An attachment mark alone on its line (“附件：”“附1：”“附件2：”): the lines below name the attachments.
_ATTACH_MARK = re.compile(r"^附(?:件)?\s*[0-9０-９一二三四五六七八九十]{0,2}\s*[:：]$")
_ATTACH_STYLES = ("arabic", "ar_paren", "circled", "cn_paren")


def _attachment_item(text: str, n: int, style: str | None = "arabic") -> bool:
    tok = numbering.parse(text.strip())
    rest = text.strip()[tok.end:].strip() if tok is not None else ""
    return (tok is not None and (tok.style == style if style else tok.style in _ATTACH_STYLES)
            and tok.value == n and 0 < len(rest) <= 40
            and not rest.endswith(("。", "；", "！", "？", "：")) and not _INNER_TERM.search(rest))


def _is_byline(text: str) -> bool:
    """A unit or author line right under the title (plain or **bold**), not a heading."""
    t = text.strip().strip("*").strip()
    return (0 < len(t) <= 40 and numbering.parse(t) is None and not _INNER_TERM.search(t)
            and not t.startswith("#") and bool(_BYLINE.search(t)))


def _fullwidth_marks(text: str) -> str:
    """Half-width , . ; : ! ? read as Chinese punctuation (same length, offsets unchanged).

    Reports typed with an English input method end sentences with “.” and split clauses with
    “,”; a decimal point or a Latin word (98.7%、v1.0、www.gov.cn) is left alone.
    """
    return _HALF.sub(lambda m: _FULL[m.group(0)], text)


def _inline_enum(t: str, tok: numbering.Token) -> bool:
    """True if a 一是/第一， paragraph also holds 二是/第二， — an enumeration, not a heading."""
    pat = _NEXT_ITEM.get(tok.style)
    if pat is None:
        return False
    nxt = _cn(tok.value + 1)
    return re.search(pat.format(n=nxt), t[tok.end:]) is not None


def _cn(n: int) -> str:
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    return ("" if n < 20 else d[n // 10]) + "十" + (d[n % 10] if n % 10 else "")


def _heading_of(doc: Document, p: Paragraph, style: tuple | None) -> Heading | None:
    t = p.text
    if p.table or p.part:  # Word tables, headers, footers, text boxes: content, never headings
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
                       "md" if md else "word", tok, p.text[text_start:].strip(), False, p.index)
    tok = numbering.parse(t)
    if tok is not None:
        t = t[:tok.end] + _fullwidth_marks(t[tok.end:])
        rest = t[tok.end:]
        lead = len(rest) - len(rest.lstrip(" \u3000"))
        rest_s = rest.strip()
        if tok.style in ("ordinal", "yishi"):
            if _inline_enum(t, tok):
                return None
            return _runin(p, tok, tok.end + lead, 0, t)
        gap = re.search(r"[ \u3000]+", rest_s[:RUNIN_HEAD_MAX])
        if gap and rest_s.endswith(("。", "；", "！", "？")):
            # “一、基本情况 全县共有学校12所，……。” — heading, a space, then the body on the same line
            # (“一、强化党建引领　夯实基层基础” without a full stop stays a two-part heading)
            head, body = rest_s[:gap.start()], rest_s[gap.end():]
            if head and not re.search(r"[，。；：！？]", head) and ("，" in body or len(body) > 20):
                return _runin(p, tok, tok.end + lead, gap.end(), t)
        inner = _INNER_TERM.search(rest_s[:-1]) if len(rest_s) > 1 else None
        if inner is not None:  # several sentences: a short first one is the run-in heading
            m = _TERM.search(rest_s)
            return _runin(p, tok, tok.end + lead, m.end() if m.end() <= RUNIN_HEAD_MAX else 0, t)
        ends = rest_s.endswith(("。", "；", "！", "？"))
        colon = rest_s.find("：", 0, RUNIN_HEAD_MAX)
        if ends and 0 < colon < len(rest_s) - 1:
            # “（一）强化学习：组织集中学习12次。” — the heading ends at the colon
            return _runin(p, tok, tok.end + lead, colon + 1, t)
        # One sentence ending in 。 is a list item, not a heading, when it is a 1./（1）/① item,
        # has a comma or is long; “（一）加强组织领导。” is a heading with a stray full stop.
        item = rest_s.endswith(("。", "；")) and (
            tok.style in ("arabic", "ar_paren", "circled") or "，" in rest_s or len(rest_s) > HEADING_MAX)
        if not item and len(rest_s) <= RUNIN_MAX and not rest_s.endswith("："):
            return Heading(p.start + tok.start, p.end, 0, tok.style, tok, p.text[tok.end + lead:].strip().rstrip("。."),
                           False, p.index)
        m = _TERM.search(rest_s)
        hend = m.end() if m and m.end() <= RUNIN_MAX and not item else 0
        return _runin(p, tok, tok.end + lead, hend, t)
    b = numbering.bold_lead(t)
    if b is not None:
        return _bold_heading(p, t, *b)
    t = _fullwidth_marks(t)
    if _APPENDIX.match(t) and _followed_by_body(doc, p):
        if _top_numbered_after(doc, p):
            return None  # an inline note (“附：活动安排一览” + its text) inside a section
        return Heading(p.start, p.end, 0, "appendix", None, p.text, False, p.index)
    if len(t) <= 16 and not _INNER_TERM.search(t) and role_for(t, None) and not t.endswith("："):
        return Heading(p.start, p.end, 0, "plain", None, p.text.rstrip("。."), False, p.index)
    return None


def _followed_by_body(doc: Document, p: Paragraph) -> bool:
    """An appendix line heads a section only when the appendix follows (“附：典型案例” + the cases);
    “附件：统计表（略）” before the date line is an attachment note (GB/T 9704-2012 7.3.5)."""
    nxt = doc.paragraphs[p.index + 1] if p.index + 1 < len(doc.paragraphs) else None
    return (not p.text.rstrip().endswith(("（略）", "(略)")) and nxt is not None
            and (nxt.text.endswith(("。", "！", "？", "；")) or len(nxt.text) > 40))


def _top_numbered_after(doc: Document, p: Paragraph) -> bool:
    """An inline “附：……” note in the body: a top-level numbered heading (the style of the report's
    first numbered heading, numbered on rather than restarting at 1) still follows before any 落款 date line, so the appendix has not begun."""
    top = next((h.token.style for h in doc.headings if h.token is not None and h.token.style in numbering.HIERARCHY), None)
    if top is None:
        return False
    for q in doc.paragraphs[p.index + 1:]:
        if DATE_LINE.match(q.text):
            return False
        tok = numbering.parse(q.text.strip())
        if tok is not None and tok.style == top and tok.value > 1 and not q.table and not q.part:
            return True  # the report's own numbering goes on (an appendix would start again at 一、)
    return False


def _bold_heading(p: Paragraph, t: str, bs: int, be: int) -> Heading:
    """``**强化学习。**正文……`` or ``**（一）强化学习**``: a bold lead, numbered or not."""
    after = t[be + 2:].strip()
    if after:
        p.body_start = p.start + be + 2 + (len(t[be + 2:]) - len(t[be + 2:].lstrip()))
    tok = numbering.parse(t[bs:be])
    if tok is not None:  # numbering inside the bold: it takes part in the numbered hierarchy
        tok = numbering.Token(tok.style, tok.value, tok.token, tok.sep, tok.fullwidth,
                              bs + tok.start, bs + tok.end)
        text = p.text[tok.end:be].strip().rstrip("。：.:")
        return Heading(p.start + tok.start, p.start + be + 2, 0, tok.style, tok, text, bool(after), p.index)
    return Heading(p.start + bs - 2, p.start + be + 2, 0, "bold", None, p.text[bs:be].rstrip("。：.:"),
                   bool(after), p.index)


def _runin(p: Paragraph, tok: numbering.Token, text_off: int, hend: int, t: str | None = None) -> Heading:
    """A run-in heading: token (+ first short sentence) then body in the same paragraph.

    ``t`` is the paragraph text with half-width marks read as Chinese ones (for splitting);
    heading text is taken from the paragraph as written.
    """
    t = t if t is not None else p.text
    if hend:
        head = p.text[text_off:text_off + hend]
    else:  # the item is one sentence: show its first clause as the heading text
        m = re.search(r"[，。；：！？]", t[text_off:])
        head = p.text[text_off:text_off + (m.start() if m else len(t))][:30]
    body_off = text_off + hend if hend else text_off
    while body_off < len(t) and t[body_off] in " \u3000":
        body_off += 1
    p.body_start = p.start + body_off if body_off < len(t) else None
    if p.body_start is None:  # nothing after the heading sentence: treat as stand-alone
        return Heading(p.start + tok.start, p.end, 0, tok.style, tok, head.strip().rstrip("。；;：:."), False,
                       p.index)
    return Heading(p.start + tok.start, p.start + text_off + hend, 0, tok.style, tok,
                   head.strip().rstrip("。；;：:！？!?，,."), True, p.index)


def _rank(doc: Document, h: Heading, md_title: bool, base: int, has_numbered: bool) -> float:
    if h.style == "md":
        hashes = numbering.markdown_level(doc.paragraphs[h.para].text)[0]
        return hashes - (1 if md_title else 0)
    if h.style == "word":
        return float(h.level or 1)
    if h.style == "plain":
        return base + 1
    if h.style == "appendix":  # above 一、: the appendix's own numbered headings go under it
        return base + 0.5
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
    """The innermost heading each paragraph stands under.

    A 一是/第一， item is a run-in heading of its own paragraph only: the paragraphs after it
    (a continuation, the closing remarks, the signature) go back to the enclosing section.
    """
    current = None
    for p in doc.paragraphs:
        if p.heading is not None:
            current = p.heading
            p.section = current
            if doc.headings[current].style in ("ordinal", "yishi"):
                current = doc.headings[current].parent
            continue
        # Word headers, footers, text boxes (after the body) stand in no section; tables stay in place.
        p.section = None if p.part and not p.table else current


def title_year(doc: Document) -> int | None:
    """The year named in the title or subtitle (“2026年上半年工作总结”)."""
    for idx in (doc.title, doc.subtitle):
        if idx is not None:
            m = _YEAR_IN_TITLE.search(doc.paragraphs[idx].text)
            if m:
                return int(m.group(1))
    return None


def date_line(doc: Document):
    """The date line near the end (落款日期): (paragraph, year), or None."""
    for p in reversed(doc.paragraphs[-6:]):
        m = DATE_LINE.match(p.text)
        if m:
            y = m.group(1).translate(_CN_YEAR)
            if y.isdigit():
                return p, int(y)
    return None


def _report_year(doc: Document) -> tuple[int | None, str | None]:
    """The report's own year and where it was found: the title, else the date line."""
    y = title_year(doc)
    if y:
        return y, "title"
    found = date_line(doc)
    return (found[1], "date") if found else (None, None)
