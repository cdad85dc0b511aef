"""``check --annotate``: the findings written into a Word document for reviewers.

The result is the original .docx, untouched in text and formatting, plus

* one Word comment (批注, author ``reportlint``) per finding, anchored on the exact characters
  of the finding (runs are split where a finding starts or ends inside one);
* every safe automatic fix as a tracked change (修订): the old characters in ``w:del``, the new
  ones in ``w:ins``, author ``reportlint``, so that the writer accepts or rejects each in Word
  or WPS.

Findings in parts that cannot carry a comment (headers, footers, text boxes, watermarks) are
anchored on the first body paragraph, the comment naming the part. A ``.txt`` / ``.md`` report
is first written into a new .docx (one paragraph per non-empty line) and annotated the same way.

The map from a finding's character offsets to the document is the docx reader's own: it records
the ``w:p`` element of each text part (``read_docx(..., keep_elements=True)``).
"""
from __future__ import annotations

import copy
import datetime
import io
import os

from .errors import InputError, ReportlintError
from .readers.docx_numbering import W

AUTHOR = "reportlint"
INITIALS = "RL"
_R, _T, _P = W + "r", W + "t", W + "p"
_RPR = W + "rPr"
_TEXT_LEAVES = {W + "t", W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen"}
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "pPr", W + "rPr",
         W + "fldChar", W + "txbxContent"}


def default_output(path: str) -> str:
    """``汇报.docx`` → ``汇报.批注.docx`` beside it (``总结.txt`` → ``总结.批注.docx``)."""
    stem = os.path.splitext(path)[0]
    return stem + ".批注.docx"


def comment_text(f) -> str:
    """What the comment says: the message, then the rule's code and name (and the suggestion)."""
    from .vocab import SEVERITY_ZH

    text = f"{f.message}（{f.code} {f.rule}，{SEVERITY_ZH.get(f.severity, f.severity)}）"
    if f.location and not f.location.startswith("第") and not f.location.startswith("表格"):
        text = f"【{f.location}】{text}"
    if f.suggestion and f.fix is None:
        text += f" 建议：{f.suggestion}"
    return text


# ---------------------------------------------------------------- the entry point

def annotate_path(path: str, ruleset, opts, output: str | None = None):
    """Check ``path`` and write the annotated .docx; return ``(FileReport, output path, counts)``.

    ``counts`` is ``{"comments": n, "revisions": m}``. Input problems raise
    :class:`~reportlint.errors.InputError` naming the file; the input is never modified.
    """
    from .readers import DEFAULT_MAX_BYTES, read_path
    from .readers.docx import read_docx
    from .readers.office import SUFFIXES as OFFICE, convert_to_docx

    out = output or default_output(path)
    if os.path.abspath(out) == os.path.abspath(path):
        raise InputError("批注文件不能覆盖原文件，请用 -o 指定另一个文件名。", path)
    source = read_path(path, opts.max_bytes or DEFAULT_MAX_BYTES)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="reportlint-") as tmp:
        if source.kind == "docx" and os.path.splitext(path)[1].lower() in OFFICE:
            docx_path = convert_to_docx(path, tmp)  # .doc/.wps/.rtf/.odt: LibreOffice's .docx
        elif source.kind == "docx":
            docx_path = path
        else:  # text or markdown: a new Word document holding the text
            docx_path = os.path.join(tmp, "report.docx")
            with open(docx_path, "wb") as fh:
                fh.write(text_to_docx(source.text))
        document, src, elements = read_docx(docx_path, keep_elements=True)
    from .report import build_document, check_document, report_for

    src.path = path
    doc = build_document(src, ruleset, opts)
    findings = check_document(doc, ruleset, opts)
    counts = annotate_document(document, src, elements, findings, ruleset)
    _save_atomic(document, out, path)
    return report_for(doc, findings, source.encoding), out, counts


def text_to_docx(text: str) -> bytes:
    """A new .docx with one paragraph per non-empty line of ``text`` (East-Asian font 仿宋)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    style = document.styles["Normal"]
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "仿宋")
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _save_atomic(document, out: str, src_path: str) -> None:
    import tempfile

    folder = os.path.dirname(os.path.abspath(out)) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".reportlint.", suffix=".docx", dir=folder)
    except OSError as exc:
        raise InputError(f"无法写入批注文件（{exc.strerror or exc}）。", out) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            document.save(fh)
        os.replace(tmp, out)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputError(f"无法写入批注文件（{exc.strerror or exc}）。", out) from None


# ---------------------------------------------------------------- the document surgery

class _Para:
    """One ``w:p`` and the offset of its run text within the reader's part text."""

    def __init__(self, p, prefix: int):
        self.p, self.prefix = p, prefix

    def leaves(self):
        """(run, leaf, text) in reading order, as the reader collects them."""
        out: list = []
        _walk(self.p, None, out)
        return out

    def length(self) -> int:
        return sum(len(t) for _, _, t in self.leaves())

    def cut(self, k: int):
        """Make offset ``k`` (in run text) a run boundary; return the run starting there (None: end)."""
        pos = 0
        for run, leaf, text in self.leaves():
            if pos == k:
                return _split_before(run, leaf)
            if pos < k < pos + len(text):  # inside a w:t: split its text
                i = k - pos
                new_leaf = copy.deepcopy(leaf)
                leaf.text, new_leaf.text = text[:i], text[i:]
                for el in (leaf, new_leaf):
                    el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                leaf.addnext(new_leaf)
                return _split_before(run, new_leaf)
            pos += len(text)
        return None

    def runs_between(self, a: int, b: int) -> list:
        """The runs covering run text [a, b) (boundaries must be cut first)."""
        pos, out = 0, []
        seen = set()
        for run, _, text in self.leaves():
            if a <= pos and pos + len(text) <= b and len(text) and id(run) not in seen:
                seen.add(id(run))
                out.append(run)
            pos += len(text)
        return out


def _walk(el, run, out: list) -> None:
    for ch in el.iterchildren():
        tag = ch.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == _P:
            continue
        if tag == _R:
            _walk(ch, ch, out)
        elif tag in _TEXT_LEAVES and run is not None:
            if tag == _T:
                out.append((run, ch, ch.text or ""))
            elif tag in (W + "br", W + "cr"):
                if ch.get(W + "type") in (None, "textWrapping"):
                    out.append((run, ch, "\n"))
            else:
                out.append((run, ch, "\t" if tag in (W + "tab", W + "ptab") else "-"))
        else:
            _walk(ch, run, out)


def _split_before(run, leaf):
    """Split ``run`` so that ``leaf`` is the first content of a run; return that run."""
    kids = [c for c in run.iterchildren() if c.tag != _RPR]
    if kids and kids[0] is leaf:
        return run
    new = run.makeelement(_R, dict(run.attrib))
    rpr = run.find(_RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    moving = kids[kids.index(leaf):]
    for c in moving:
        new.append(c)  # lxml moves the element
    run.addnext(new)
    return new


class _Anchor:
    def __init__(self, para: _Para, offset: int):
        self.para, self.offset = para, offset


def annotate_document(document, src, elements, findings, ruleset) -> dict:
    """Add a comment per finding and a tracked change per safe fix to ``document`` (in place)."""
    from .fix import safe_fixes

    paras: dict[int, _Para] = {}
    part_para: list = []
    for i, (part, p) in enumerate(zip(src.parts, elements)):
        if p is None:
            part_para.append(None)
            continue
        key = id(p)
        if key not in paras:
            run_len = _Para(p, 0).length()
            paras[key] = _Para(p, max(0, (part.end - part.start) - run_len))
        part_para.append(paras[key])
    first_body = next((pp for pp, part in zip(part_para, src.parts) if pp is not None and part.para), None)
    if first_body is None:
        first_body = next((pp for pp in part_para if pp is not None), None)
    if first_body is None:
        raise InputError("文档中没有可以加批注的正文段落。", src.path)

    def locate(offset: int, end: bool):
        for part, pp in zip(src.parts, part_para):
            if part.start <= offset <= part.end and (not end or offset > part.start or part.start == part.end):
                if pp is None:
                    return None
                k = min(max(0, offset - part.start - pp.prefix), pp.length())
                return _Anchor(pp, k)
        return None

    # 1. where each comment goes (run-text offsets per paragraph)
    plans = []
    for f in findings:
        a, b = locate(f.start, False), locate(max(f.end, f.start), True)
        if a is None or b is None or (a.para is b.para and b.offset < a.offset):
            a, b = _Anchor(first_body, 0), _Anchor(first_body, first_body.length())
        if a.para is b.para and a.offset == b.offset:  # an empty span: widen to one character
            n = a.para.length()
            if b.offset < n:
                b = _Anchor(a.para, b.offset + 1)
            elif a.offset > 0:
                a = _Anchor(a.para, a.offset - 1)
        plans.append((f, a, b))
    # 2. safe fixes inside one paragraph become tracked changes
    revisions = []
    for fx in safe_fixes(findings, ruleset):
        a, b = locate(fx.start, False), locate(fx.end, True)
        if a is None or b is None or a.para is not b.para or b.offset < a.offset:
            continue
        if fx.end > fx.start and src.text[fx.start:fx.end] == fx.replacement:
            continue
        revisions.append((fx, a, b))
    # 3. cut every boundary, right to left within a paragraph so earlier offsets stay valid
    cuts: dict[int, set] = {}
    for _, a, b in plans + revisions:
        for anc in (a, b):
            cuts.setdefault(id(anc.para), set()).add(anc.offset)
    for pp in paras.values():
        for k in sorted(cuts.get(id(pp), ()), reverse=True):
            pp.cut(k)
    # 4. tracked changes (before comments: they replace runs, comment markers sit between runs)
    date = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    rev_id = [900000]

    def next_id() -> str:
        rev_id[0] += 1
        return str(rev_id[0])

    for fx, a, b in revisions:
        pp = a.para
        runs = pp.runs_between(a.offset, b.offset)
        if fx.end > fx.start and not runs:
            continue
        model = runs[0] if runs else pp.cut(a.offset)
        attrs = {W + "id": "", W + "author": AUTHOR, W + "date": date}
        if runs:
            dl = runs[0].makeelement(W + "del", dict(attrs, **{W + "id": next_id()}))
            runs[0].addprevious(dl)
            for r in runs:
                for t in r.iterchildren(_T):
                    t.tag = W + "delText"
                dl.append(r)
            anchor_el = dl
        else:
            anchor_el = None
        if fx.replacement:
            ins = pp.p.makeelement(W + "ins", dict(attrs, **{W + "id": next_id()}))
            r = pp.p.makeelement(_R, {})
            if model is not None and model.find(_RPR) is not None:
                r.append(copy.deepcopy(model.find(_RPR)))
            t = r.makeelement(_T, {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            t.text = fx.replacement
            r.append(t)
            ins.append(r)
            if anchor_el is not None:
                anchor_el.addnext(ins)
            elif model is not None:
                model.addprevious(ins)
            else:
                pp.p.append(ins)
    # 5. comments, anchored on the runs (deleted and inserted text included)
    comments = document.comments
    for f, a, b in plans:
        c = comments.add_comment(text=comment_text(f), author=AUTHOR, initials=INITIALS)
        cid = str(c.comment_id)
        start = a.para.p.makeelement(W + "commentRangeStart", {W + "id": cid})
        endm = b.para.p.makeelement(W + "commentRangeEnd", {W + "id": cid})
        _insert_at(a.para, a.offset, start, at_end=False)
        _insert_at(b.para, b.offset, endm, at_end=True)
        ref = b.para.p.makeelement(_R, {})
        rpr = ref.makeelement(_RPR, {})
        rs = rpr.makeelement(W + "rStyle", {W + "val": "CommentReference"})
        rpr.append(rs)
        ref.append(rpr)
        ref.append(ref.makeelement(W + "commentReference", {W + "id": cid}))
        endm.addnext(ref)
    return {"comments": len(plans), "revisions": len(revisions)}


def _insert_at(pp: _Para, k: int, marker, at_end: bool) -> None:
    """Put ``marker`` at run-text offset ``k`` of the paragraph (before the run starting there).

    A tracked change wrapping that run (``w:del`` / ``w:ins``) is kept whole: the marker goes
    outside it, so a comment covers the deleted and the inserted text together.
    """
    pos, target = 0, None
    leaves = _all_leaves(pp.p)
    for run, _, text in leaves:
        if at_end:
            if pos + len(text) == k and len(text):
                target = ("after", run)
        elif pos == k and target is None and len(text):
            target = ("before", run)
        pos += len(text)
    if target is None:
        if at_end or k >= pos:
            last = leaves[-1][0] if leaves else None
            if last is None:
                pp.p.append(marker)
            else:
                _outer(last, pp.p).addnext(marker)
            return
        pp.p.append(marker)
        return
    side, run = target
    el = _outer(run, pp.p)
    if side == "before":
        el.addprevious(marker)
    else:
        nxt = el.getnext()  # keep an insertion that follows a deletion inside the range
        while nxt is not None and nxt.tag == W + "ins" and el.tag == W + "del":
            el, nxt = nxt, nxt.getnext()
        el.addnext(marker)


def _outer(run, p):
    """The run itself, or the tracked-change wrapper holding it (directly under its parent)."""
    parent = run.getparent()
    if parent is not None and parent.tag in (W + "del", W + "ins"):
        return parent
    return run


def _all_leaves(p) -> list:
    """Like :meth:`_Para.leaves`, but deleted text counts as text (offsets of the original)."""
    out: list = []

    def walk(el, run):
        for ch in el.iterchildren():
            tag = ch.tag
            if not isinstance(tag, str) or tag == _P or tag in (W + "pPr", W + "rPr", W + "txbxContent"):
                continue
            if tag in (W + "del", W + "moveFrom", W + "instrText") and ch.get(W + "author") != AUTHOR:
                continue  # the reader skips text deleted before us
            if tag == W + "ins" and ch.get(W + "author") == AUTHOR:
                for r in ch.iterchildren(_R):
                    out.append((r, None, ""))
                continue
            if tag == _R:
                walk(ch, ch)
            elif tag in (_T, W + "delText") and run is not None:
                out.append((run, ch, ch.text or ""))
            elif tag in (W + "br", W + "cr") and run is not None:
                if ch.get(W + "type") in (None, "textWrapping"):
                    out.append((run, ch, "\n"))
            elif tag in (W + "tab", W + "ptab", W + "noBreakHyphen") and run is not None:
                out.append((run, ch, "\t" if tag != W + "noBreakHyphen" else "-"))
            else:
                walk(ch, run)

    walk(p, None)
    return out


__all__ = ["annotate_path", "annotate_document", "default_output", "text_to_docx", "comment_text",
           "ReportlintError"]
