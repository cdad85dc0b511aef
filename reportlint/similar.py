"""Copy detection (查重) across a submission folder and against an archive of past reports.

Pipeline:

1. :func:`file_units` (pure, picklable, run through the executor seam): read one report,
   normalise each line (digits, dates, placeholders, unit names → fixed tokens; punctuation and
   spaces dropped), cut it into sentences, and compute for every paragraph of at least
   ``MIN_PARA`` characters a MinHash (``datasketch``) over character ``SHINGLE``-grams, banded
   into LSH keys; every sentence of at least ``MIN_SENT`` characters gets a hash of its
   normalised text.
2. :class:`Matcher`: candidate paragraph pairs share an LSH key; each candidate is verified
   exactly (``rapidfuzz`` Indel alignment, equal blocks of ``MIN_BLOCK`` characters or more)
   so that a reported pair carries real overlap. Identical normalised sentences outside
   matched paragraphs are sentence-level reuse.
3. Boilerplate: a sentence or paragraph found in ``boilerplate_df`` or more different files
   (套话, quotations, standard openings) is listed apart and does not count.
4. Per file: its 雷同率 (share of its normalised characters found elsewhere, boilerplate
   excluded) and its partners; per pair the matching paragraphs with line numbers.

An archive is read either directly or from a persistent SQLite index (:mod:`.simindex`).
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

SHINGLE = 4        # characters per shingle
NUM_PERM = 32      # MinHash permutations
BANDS, ROWS = 8, 4  # LSH: 8 bands of 4 rows (candidate threshold ≈ Jaccard 0.6)
MIN_PARA = 20      # normalised characters for a paragraph to be compared
MIN_SENT = 20      # characters for a sentence to be compared
MIN_BLOCK = 8      # shortest aligned run that counts as overlap
MIN_SHARE = 0.5    # verified overlap / shorter paragraph needed for a paragraph pair
BUCKET_CAP = 200   # an LSH bucket larger than this is boilerplate by itself
BOILERPLATE_DF = 5  # a text in this many different files is boilerplate
SEED = 1

# full-width digits and letters and the ideographic space → their narrow forms (punctuation is
# dropped by ``compact`` anyway)
_WIDE = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)} \
    | {0x3000: 0x20}
_WIDE_RE = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")  # only these matter here
_PLACEHOLDER = re.compile(r"[×╳＊*]+|[XxＸｘ]{2,}|某某+|○○+|[_＿]{2,}")
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?|[零〇一二三四五六七八九十百千万亿两]+(?=[年月日号个项次名人户家所座条件万亿元%])")
_UNIT = re.compile(r"[\u4e00-\u9fff]{2}(?=[省市县区镇乡街社村公集分学大医中局委])"
                   r"(?:省|市|县|区|镇|乡|街道|社区|村|公司|集团|分厂|学院|大学|医院|中心|局|委员会)")
# standard openings and closings: boilerplate however few files hold them
_FORMULA = re.compile(r"(?:报告|汇报|总结|述职|说明|陈述)如下|批评指正|不妥之处|请予评议|请予审议|请审议")
_TERMINATED = re.compile(r"[。！？；!?;]")
_SPLIT = re.compile(r"(?<=[。！？；!?;])")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """The comparable form of a stretch of text (punctuation kept; see :func:`compact`).

    >>> normalise("2024年3月5日，西城区共走访126户（占比12.5%）。")
    '#年#月#日，U共走访#户（占比#%）。'
    """
    t = text.translate(_WIDE) if _WIDE_RE.search(text) else text
    t = _PLACEHOLDER.sub("某", t)
    t = _NUMBER.sub("#", t)
    return _UNIT.sub("U", t)


def compact(text: str) -> str:
    """Drop punctuation and spaces: ``normalise`` → the string that is shingled and aligned."""
    return _DROP.sub("", text)


def sentence_hash(key: str) -> int:
    """A stable signed 63-bit hash of a compact sentence (stored in the index)."""
    return int.from_bytes(__import__("hashlib").blake2b(key.encode("utf-8"), digest_size=8).digest(),
                          "big") >> 1


@dataclass(slots=True)
class Sentence:
    start: int  # offsets in the paragraph's compact text
    end: int
    text: str   # original sentence
    hash: int


@dataclass(slots=True)
class Para:
    line: int
    text: str            # original line
    norm: str            # compact normalised text
    sentences: list[Sentence]
    keys: tuple = ()     # LSH band keys (empty when too short)


@dataclass(slots=True)
class FileUnits:
    path: str
    error: str | None = None
    paras: list[Para] = field(default_factory=list)
    archive: bool = False

    @property
    def chars(self) -> int:
        return sum(len(p.norm) for p in self.paras)


_TEMPLATE = None


def minhash(norm: str):
    """datasketch's MinHash of a compact text's character shingles (its permutations are
    made once per process and shared)."""
    global _TEMPLATE
    from datasketch import MinHash

    if _TEMPLATE is None:
        _TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=_TEMPLATE.permutations,
                scheme=_TEMPLATE.scheme)
    raw = norm.encode("utf-32-le")  # 4 bytes a character: shingles are plain byte slices
    w = 4 * SHINGLE
    m.update_batch({raw[i:i + w] for i in range(0, max(4, len(raw) - w + 4), 4)})
    return m.hashvalues


def band_keys(norm: str) -> tuple:
    """LSH keys of a compact paragraph: ``band << 32 | crc32(band of the MinHash)``."""
    hv = minhash(norm)
    return tuple((b << 32) | zlib.crc32(hv[b * ROWS:(b + 1) * ROWS].tobytes()) for b in range(BANDS))


def split_text(path: str, text: str, archive: bool = False) -> FileUnits:
    """The comparable units of a report's text (one paragraph per non-empty line)."""
    fu = FileUnits(path, archive=archive)
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        heading = len(line.strip()) < 50 and not _TERMINATED.search(line)  # titles, headings: not compared
        norm_parts = _SPLIT.split(normalise(line))
        orig_parts = _SPLIT.split(line)
        if len(orig_parts) != len(norm_parts):  # normalising never touches terminators; be safe
            orig_parts = norm_parts
        sents, pos, pieces = [], 0, []
        for o, n in zip(orig_parts, norm_parts):
            c = compact(n)
            if not c:
                continue
            if not heading and len(o.strip()) >= MIN_SENT and len(c) >= MIN_SENT - 4:  # not a bare title or figures
                sents.append(Sentence(pos, pos + len(c), o.strip(), sentence_hash(c)))
            pieces.append(c)
            pos += len(c)
        norm = "".join(pieces)
        if not norm:
            continue
        keys = band_keys(norm) if len(norm) >= MIN_PARA and not heading else ()
        fu.paras.append(Para(no, line.strip(), norm, sents, keys))
    return fu


def file_units(item) -> FileUnits:
    """Executor task: ``(path, max_bytes)`` → :class:`FileUnits` (errors recorded, never raised)."""
    from .errors import ReportlintError
    from .readers import read_path

    path, max_bytes = item
    try:
        src = read_path(path, max_bytes)
    except ReportlintError as exc:
        return FileUnits(path, error=exc.message)
    return split_text(path, src.text)


# ---------------------------------------------------------------- matching

@dataclass(slots=True)
class Match:
    kind: str          # "paragraph" or "sentence"
    a: int             # file index
    pa: int            # paragraph index in file a
    b: int
    pb: int
    overlap: int       # verified overlapping characters
    similarity: float  # 0..1
    blocks_a: list = field(default_factory=list)  # [(start, end)] in a's compact text
    blocks_b: list = field(default_factory=list)
    sa: int = -1       # sentence index (sentence matches)
    sb: int = -1


def align(x: str, y: str) -> tuple[int, list, list]:
    """Exact verification: overlapping characters in runs of ``MIN_BLOCK`` or more, and the runs."""
    from rapidfuzz.distance import Indel

    total, ba, bb = 0, [], []
    for op in Indel.opcodes(x, y):
        size = op.src_end - op.src_start
        if op.tag == "equal" and size >= MIN_BLOCK:
            total += size
            ba.append((op.src_start, op.src_end))
            bb.append((op.dest_start, op.dest_end))
    return total, ba, bb


class Matcher:
    """All files of a comparison: the submission (compared with each other and the archive)
    and archive files (compared with the submission only)."""

    def __init__(self, boilerplate_df: int = BOILERPLATE_DF):
        self.files: list[FileUnits] = []
        self.boilerplate_df = max(2, boilerplate_df)
        self.extra_df: dict[int, int] = {}  # sentence hash -> archive files holding it (from an index)
        self.indexed = False  # True when archive files come from an index (partial, counted in extra_df)

    def add(self, fu: FileUnits) -> int:
        self.files.append(fu)
        return len(self.files) - 1

    # -- candidates
    def _paragraph_candidates(self) -> set:
        buckets: dict[int, list] = {}
        for fi, fu in enumerate(self.files):
            if fu.error:
                continue
            for pi, p in enumerate(fu.paras):
                for k in p.keys:
                    buckets.setdefault(k, []).append((fi, pi))
        cands: set = set()
        for members in buckets.values():
            if len(members) < 2 or len(members) > BUCKET_CAP:
                continue
            for i, x in enumerate(members):
                for y in members[i + 1:]:
                    if x[0] != y[0] and not (self.files[x[0]].archive and self.files[y[0]].archive):
                        cands.add((x, y) if x < y else (y, x))
        return cands

    def run(self) -> dict:
        from rapidfuzz import fuzz

        files = self.files
        para_matches: list[Match] = []
        for (fa, pa), (fb, pb) in sorted(self._paragraph_candidates()):
            x, y = files[fa].paras[pa].norm, files[fb].paras[pb].norm
            short = min(len(x), len(y))
            if fuzz.ratio(x, y) < 100 * MIN_SHARE * 2 * short / (len(x) + len(y)) - 1:
                continue  # cannot reach MIN_SHARE of the shorter paragraph
            total, ba, bb = align(x, y)
            if total >= MIN_PARA and total >= MIN_SHARE * short:
                para_matches.append(Match("paragraph", fa, pa, fb, pb, total,
                                          round(2 * total / (len(x) + len(y)), 3), ba, bb))
        # sentence occurrences and their document frequency
        occ: dict[int, list] = {}
        for fi, fu in enumerate(files):
            if fu.error:
                continue
            for pi, p in enumerate(fu.paras):
                for si, s in enumerate(p.sentences):
                    occ.setdefault(s.hash, []).append((fi, pi, si))
        # with an index, archive files are counted there (those pulled in are a subset)
        mine = (lambda fi: not files[fi].archive) if self.indexed else (lambda fi: True)
        df = {h: len({o[0] for o in v if mine(o[0])}) + self.extra_df.get(h, 0) for h, v in occ.items()}
        boiler_sent = {h for h, n in df.items() if n >= self.boilerplate_df}
        boiler_sent.update(self.files[fi].paras[pi].sentences[si].hash for v in occ.values()
                           for fi, pi, si in v[:1] if _FORMULA.search(self.files[fi].paras[pi].sentences[si].text))
        # paragraph document frequency: the files its verified partners are in
        partners: dict[tuple, set] = {}
        for m in para_matches:
            partners.setdefault((m.a, m.pa), {m.a}).add(m.b)
            partners.setdefault((m.b, m.pb), {m.b}).add(m.a)
        boiler_para = {k for k, v in partners.items() if len(v) >= self.boilerplate_df}
        kept, boiler = [], []
        for m in para_matches:
            if (m.a, m.pa) in boiler_para or (m.b, m.pb) in boiler_para:
                boiler.append(m)
                continue
            # characters left once boilerplate sentences are taken out
            own = _minus(m.blocks_a, [(s.start, s.end) for s in files[m.a].paras[m.pa].sentences
                                      if s.hash in boiler_sent])
            if sum(e - s for s, e in own) < MIN_PARA:
                continue  # only boilerplate sentences in common: they are listed one by one below
            kept.append(m)
        matched_paras = {(m.a, m.pa, m.b, m.pb) for m in kept + boiler}
        sent_matches = []
        for h, where in occ.items():
            if len({o[0] for o in where}) < 2:
                continue
            for i, (fa, pa, sa) in enumerate(where):
                for fb, pb, sb in where[i + 1:]:
                    if fa == fb or (files[fa].archive and files[fb].archive):
                        continue
                    if (fa, pa, fb, pb) in matched_paras or (fb, pb, fa, pa) in matched_paras:
                        continue
                    s1, s2 = files[fa].paras[pa].sentences[sa], files[fb].paras[pb].sentences[sb]
                    m = Match("sentence", fa, pa, fb, pb, s1.end - s1.start, 1.0,
                              [(s1.start, s1.end)], [(s2.start, s2.end)], sa, sb)
                    (boiler if h in boiler_sent else sent_matches).append(m)
                    if h in boiler_sent:
                        break  # one example pair per boilerplate sentence is enough
        return self._result(kept + sent_matches, boiler, boiler_sent)

    # -- result
    def _result(self, matches: list[Match], boiler: list[Match], boiler_sent: set) -> dict:
        files = self.files
        masks = {}
        def mark(fi, pi, blocks):
            p = files[fi].paras[pi]
            mk = masks.setdefault((fi, pi), bytearray(len(p.norm)))
            for s, e in blocks:
                mk[s:e] = b"\1" * (e - s)
        for m in matches:
            mark(m.a, m.pa, m.blocks_a)
            mark(m.b, m.pb, m.blocks_b)
        for (fi, pi), mk in masks.items():  # boilerplate sentences never count
            for s in files[fi].paras[pi].sentences:
                if s.hash in boiler_sent:
                    mk[s.start:s.end] = bytes(s.end - s.start)
        pairs: dict[tuple, list] = {}
        for m in matches:
            if m.a > m.b:
                m = Match(m.kind, m.b, m.pb, m.a, m.pa, m.overlap, m.similarity, m.blocks_b, m.blocks_a,
                          m.sb, m.sa)
            pairs.setdefault((m.a, m.b), []).append(m)
        out_files = []
        for fi, fu in enumerate(files):
            if fu.archive:
                continue
            covered = sum(sum(mk) for (f, _), mk in masks.items() if f == fi)
            total = fu.chars
            partners = sorted({b if a == fi else a for (a, b) in pairs if fi in (a, b)})
            out_files.append({"path": fu.path, "error": fu.error, "chars": total, "copied_chars": covered,
                              "rate": round(covered / total, 4) if total else 0.0,
                              "partners": [files[p].path for p in partners]})
        out_pairs = []
        for (a, b), ms in sorted(pairs.items(), key=lambda kv: (-sum(m.overlap for m in kv[1]), kv[0])):
            ms.sort(key=lambda m: (files[m.a].paras[m.pa].line, files[m.b].paras[m.pb].line))
            out_pairs.append({"a": files[a].path, "b": files[b].path,
                              "a_archive": files[a].archive, "b_archive": files[b].archive,
                              "overlap": sum(m.overlap for m in ms),
                              "matches": [self._match_dict(m) for m in ms]})
        seen, out_boiler = set(), []
        for m in boiler:
            key = files[m.a].paras[m.pa].norm if m.kind == "paragraph" else \
                files[m.a].paras[m.pa].sentences[m.sa].hash
            if key in seen:
                continue
            seen.add(key)
            d = self._match_dict(m)
            d["a"], d["b"] = files[m.a].path, files[m.b].path
            out_boiler.append(d)
        return {"version": 1, "boilerplate_df": self.boilerplate_df, "files": out_files,
                "pairs": out_pairs, "boilerplate": out_boiler}

    def _match_dict(self, m: Match) -> dict:
        pa, pb = self.files[m.a].paras[m.pa], self.files[m.b].paras[m.pb]
        d = {"kind": m.kind, "line_a": pa.line, "line_b": pb.line, "overlap": m.overlap,
             "similarity": m.similarity}
        if m.kind == "sentence":
            d["text_a"], d["text_b"] = pa.sentences[m.sa].text, pb.sentences[m.sb].text
        else:
            d["text_a"], d["text_b"] = pa.text, pb.text
        return d


def _minus(blocks: list, holes: list) -> list:
    """Character runs of ``blocks`` outside ``holes``."""
    out = []
    for s, e in blocks:
        cur = [(s, e)]
        for hs, he in holes:
            nxt = []
            for x, y in cur:
                if he <= x or hs >= y:
                    nxt.append((x, y))
                    continue
                if x < hs:
                    nxt.append((x, hs))
                if he < y:
                    nxt.append((he, y))
            cur = nxt
        out.extend(cur)
    return out


def require_extra() -> None:
    """A clear Chinese error when the optional ``[similar]`` dependencies are missing."""
    from .errors import ReportlintError

    try:
        import rapidfuzz  # noqa: F401

        minhash("预先载入")  # imports datasketch once, before worker processes are forked
    except ImportError:
        raise ReportlintError("查重功能需要另装依赖：pip install 'reportlint[similar]'（datasketch、rapidfuzz）。") \
            from None
