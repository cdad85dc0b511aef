"""Word automatic numbering: rebuild the label Word shows (一、 / （一） / 1.) from numbering.xml.

Works on lxml elements handed over by :mod:`reportlint.docx` (this module never imports python-docx).

The model follows Word (ECMA-376 §17.9), not a simplification of it:

* a paragraph names a numbering *instance* (``w:num``, by ``numId``) and a level (``ilvl``),
  directly in ``w:pPr/w:numPr`` or through its paragraph style;
* the running counters belong to the *abstract* definition (``w:abstractNum``): two instances of
  one abstract definition continue one sequence, as Word does;
* an instance with ``w:lvlOverride/w:startOverride`` restarts that level the first time the
  instance is used (this is what Word writes for “重新开始编号”); a ``w:lvlOverride/w:lvl``
  replaces the level's definition for that instance;
* using a level resets the deeper levels (unless their ``w:lvlRestart`` says otherwise), so
  （一） starts again under every 一、;
* ``w:lvlText`` such as ``%1、`` / ``（%2）`` / ``%1.%2`` is filled with each level's counter in its
  own ``w:numFmt`` (chineseCounting → 一, decimal → 1, decimalEnclosedCircle → ① …); ``w:isLgl``
  forces decimal. Bullets and ``none`` give no label: a bullet carries no number, and its glyph
  (often a private-use Wingdings character or ○) would only confuse the placeholder rules.
"""
from __future__ import annotations

from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9
_CN = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CLOSERS = "、，,.．:：)）]】」』"


def _val(el, child: str, default=None):
    """The ``w:val`` of ``el/w:child`` (or ``default``)."""
    if el is None:
        return default
    c = el.find(W + child)
    if c is None:
        return default
    v = c.get(W + "val")
    return default if v is None else v


def _int(s, default: int) -> int:
    try:
        return int(s)
    except (TypeError, ValueError):
        return default


def chinese(n: int, digits: str = _CN, ten: str = "十", hundred: str = "百", thousand: str = "千") -> str:
    """一, 十, 十一, 二十, 一百零五 … (0 < n < 10000); other values as Arabic digits.

    >>> [chinese(n) for n in (1, 10, 11, 20, 35, 105, 1010)]
    ['一', '十', '十一', '二十', '三十五', '一百零五', '一千零一十']
    """
    if n <= 0 or n >= 10000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20 and ten == "十":
        return ten + (digits[n - 10] if n > 10 else "")
    out, zero = "", False
    for unit, name in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        d = n // unit % 10
        if d:
            if zero and out:
                out += "零" if digits[0] == "〇" else digits[0]
            out += digits[d] + name
            zero = False
        elif out:
            zero = True
    return out


def _letters(n: int, upper: bool) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    s = s or "A"
    return s if upper else s.lower()


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def _seq(chars: str, n: int) -> str:
    return chars[n - 1] if 0 < n <= len(chars) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word ``numFmt``.

    >>> [format_number(3, f) for f in ("decimal", "chineseCounting", "ideographTraditional",
    ...                                  "decimalEnclosedCircle", "upperRoman", "lowerLetter")]
    ['3', '三', '丙', '③', 'III', 'c']
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting", "ideographDigital"):
        return chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        digits = _CN_LEGAL if fmt == "chineseLegalSimplified" else _CN_LEGAL_TRAD
        return chinese(n, digits, "拾", "佰", "仟")
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _seq(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _seq(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _seq(_STOP, n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart (None: restart after any shallower level)
    legal: bool = False  # w:isLgl
    suffix: str = "tab"  # w:suff: tab / space / nothing
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


def _level(el) -> Level:
    return Level(
        start=_int(_val(el, "start"), 1),
        fmt=_val(el, "numFmt", "decimal"),
        text=_val(el, "lvlText", ""),
        restart=_int(_val(el, "lvlRestart"), 0) if el.find(W + "lvlRestart") is not None else None,
        legal=el.find(W + "isLgl") is not None and _val(el, "isLgl", "1") not in ("0", "false", "off"),
        suffix=_val(el, "suff", "tab"),
        style=_val(el, "pStyle"),
    )


class Numbering:
    """Numbering definitions plus the running counters of one pass over a document."""

    def __init__(self, root, style_numpr=None):
        """``root``: the ``w:numbering`` element (or None); ``style_numpr``: style id → (numId, ilvl)."""
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNumId -> numbering style id (numStyleLink)
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self.style_numpr = style_numpr or {}
        self.counters: dict[str, dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()
        if root is None:
            return
        for a in root.iterchildren(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            levels = {}
            for lv in a.iterchildren(W + "lvl"):
                i = _int(lv.get(W + "ilvl"), -1)
                if 0 <= i < MAX_LEVELS:
                    levels[i] = _level(lv)
            self.abstract[aid] = levels
            link = _val(a, "numStyleLink")
            if link:
                self.links[aid] = link
        for n in root.iterchildren(W + "num"):
            nid = n.get(W + "numId")
            starts: dict[int, int] = {}
            over: dict[int, Level] = {}
            for o in n.iterchildren(W + "lvlOverride"):
                i = _int(o.get(W + "ilvl"), -1)
                if not 0 <= i < MAX_LEVELS:
                    continue
                so = _val(o, "startOverride")
                if so is not None:
                    starts[i] = _int(so, 1)
                lv = o.find(W + "lvl")
                if lv is not None:
                    over[i] = _level(lv)
            self.nums[nid] = (_val(n, "abstractNumId"), starts, over)

    def _abstract_id(self, num_id: str) -> str | None:
        entry = self.nums.get(num_id)
        aid = entry[0] if entry else None
        for _ in range(4):  # numStyleLink: abstract -> numbering style -> another instance
            if aid is None or aid not in self.links:
                break
            linked = self.style_numpr.get(self.links[aid])
            nxt = self.nums.get(linked[0]) if linked else None
            if nxt is None or nxt[0] == aid:
                break
            aid = nxt[0]
        return aid

    def _def(self, num_id: str, aid: str, ilvl: int) -> Level | None:
        over = self.nums.get(num_id, (None, {}, {}))[2]
        return over.get(ilvl) or self.abstract.get(aid, {}).get(ilvl)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level bound to a paragraph style (``w:lvl/w:pStyle``), for style-linked numbering."""
        aid = self._abstract_id(num_id)
        for i, lv in sorted(self.abstract.get(aid, {}).items()):
            if lv.style == style_id:
                return i
        return None

    def next_label(self, num_id: str | None, ilvl: int) -> str:
        """Advance the counter of (instance, level) and return the label text incl. its suffix."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl if 0 <= ilvl < MAX_LEVELS else 0
        aid = self._abstract_id(num_id)
        lv = self._def(num_id, aid, ilvl)
        if aid is None or lv is None:
            return ""
        counters = self.counters.setdefault(aid, {})
        starts = self.nums[num_id][1]
        if (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            if ilvl in starts:
                counters[ilvl] = starts[ilvl] - 1
        counters[ilvl] = counters.get(ilvl, lv.start - 1) + 1
        for d in list(counters):
            if d > ilvl:
                deeper = self._def(num_id, aid, d)
                r = deeper.restart if deeper is not None else None
                if r is None or (r != 0 and ilvl < r):
                    del counters[d]
        if lv.fmt in ("bullet", "none"):
            return ""
        label = self._fill(lv, num_id, aid, counters)
        if not label:
            return ""
        if lv.suffix == "space":
            return label + " "
        if lv.suffix == "nothing" or label[-1] in _CLOSERS:
            return label
        return label + " "  # a tab in Word: shown as one space

    def _fill(self, lv: Level, num_id: str, aid: str, counters: dict[int, int]) -> str:
        out = []
        t = lv.text
        i = 0
        while i < len(t):
            ch = t[i]
            if ch == "%" and i + 1 < len(t) and t[i + 1].isdigit():
                k = int(t[i + 1]) - 1
                ref = self._def(num_id, aid, k)
                if ref is not None and 0 <= k < MAX_LEVELS:
                    val = counters.get(k, ref.start)
                    out.append(format_number(val, "decimal" if lv.legal else ref.fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)
