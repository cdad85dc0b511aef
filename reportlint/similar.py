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

import hashlib
import re
import zlib
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate
from dataclasses import dataclass, field, replace

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
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def _ints(values=()) -> array:
    return array("i", values)


@dataclass(slots=True)
class FileUnits:
    """The comparable units of one report, stored as columns (a few strings and integer arrays per
    file, no Python object per paragraph or sentence: memory stays small for tens of thousands of
    reports, and the record pickles compactly between processes and machines).

    Paragraph ``i``: original text ``text[toff[i]:toff[i + 1] - 1]`` (paragraphs are joined by
    ``\n``), compact normalised text ``norm[noff[i]:noff[i + 1]]``, line ``lines[i]``. Keyed
    paragraphs (long enough, not headings): ``kpara`` with ``BANDS`` LSH keys each in ``keys``.
    Sentence ``j``: in paragraph ``sp[j]``, compact offsets ``ss[j]:se[j]`` within that paragraph's
    norm, original offsets ``ts[j]:te[j]`` within its text, hash ``sh[j]``, ``sf[j]`` = 1 for a
    standard opening or closing formula. Sentences are in paragraph order.
    """
    path: str
    error: str | None = None
    archive: bool = False
    text: str = ""
    norm: str = ""
    lines: array = field(default_factory=_ints)
    toff: array = field(default_factory=lambda: _ints([0]))
    noff: array = field(default_factory=lambda: _ints([0]))
    kpara: array = field(default_factory=_ints)
    keys: array = field(default_factory=lambda: array("q"))
    sp: array = field(default_factory=_ints)
    ss: array = field(default_factory=_ints)
    se: array = field(default_factory=_ints)
    ts: array = field(default_factory=_ints)
    te: array = field(default_factory=_ints)
    sh: array = field(default_factory=lambda: array("q"))
    sf: array = field(default_factory=lambda: array("b"))

    COLUMNS = ("lines", "toff", "noff", "kpara", "keys", "sp", "ss", "se", "ts", "te", "sh", "sf")

    @property
    def chars(self) -> int:
        return len(self.norm)

    def __len__(self) -> int:
        return len(self.lines)

    def para_text(self, i: int) -> str:
        return self.text[self.toff[i]:self.toff[i + 1] - 1]

    def para_norm(self, i: int) -> str:
        return self.norm[self.noff[i]:self.noff[i + 1]]

    def sentences(self, i: int) -> range:
        """Indexes of paragraph ``i``'s sentences."""
        return range(bisect_left(self.sp, i), bisect_right(self.sp, i))

    def sentence_text(self, j: int) -> str:
        base = self.toff[self.sp[j]]
        return self.text[base + self.ts[j]:base + self.te[j]]

    def with_path(self, path: str) -> "FileUnits":
        return replace(self, path=path)

    def subset(self, paras) -> "FileUnits":
        """The same file with only the paragraphs ``paras`` (sorted indexes), renumbered."""
        out = FileUnits(self.path, self.error, self.archive)
        pieces, npieces = [], []
        new = {}
        for i in paras:
            new[i] = len(out.lines)
            out.lines.append(self.lines[i])
            t, n = self.text[self.toff[i]:self.toff[i + 1]], self.para_norm(i)
            pieces.append(t)
            npieces.append(n)
            out.toff.append(out.toff[-1] + len(t))
            out.noff.append(out.noff[-1] + len(n))
        out.text, out.norm = "".join(pieces), "".join(npieces)
        for k, i in enumerate(self.kpara):
            if i in new:
                out.kpara.append(new[i])
                out.keys.extend(self.keys[k * BANDS:(k + 1) * BANDS])
        for i in paras:
            for j in self.sentences(i):
                out.sp.append(new[i])
                for col in ("ss", "se", "ts", "te", "sh", "sf"):
                    getattr(out, col).append(getattr(self, col)[j])
        return out


_PERM = None  # (a, b) of datasketch's permutations, made once per process


def _permutations():
    global _PERM
    if _PERM is None:
        from datasketch import MinHash

        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=shingle_hash, scheme="affine32")
        _PERM = m.permutations
    return _PERM


def _fmix32(h):
    """MurmurHash3's 32-bit finalizer (the pre-mix of datasketch's ``affine32`` scheme)."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


_P = 0x01000193  # the shingle hash: a polynomial in the code points, modulo 2^32


def shingle_hash(shingle: bytes) -> int:
    """The hash of one shingle (``SHINGLE`` code points, UTF-32-LE, zero-padded): datasketch's
    ``hashfunc``. :func:`signatures` computes the same values for all shingles at once."""
    cps = [int.from_bytes(shingle[i:i + 4], "little") for i in range(0, 4 * SHINGLE, 4)]
    h = 0
    for c in cps:
        h = (h * _P + c) & 0xFFFFFFFF
    return h


def _shingles(norm: str) -> list:
    raw = norm.encode("utf-32-le")  # 4 bytes a character: shingles are plain byte slices
    w = 4 * SHINGLE
    return [raw[i:i + w].ljust(w, b"\0") for i in range(0, max(4, len(raw) - w + 4), 4)]


def signatures(norms: list[str]):
    """datasketch MinHash signatures (``affine32`` scheme, :func:`shingle_hash` of the character
    ``SHINGLE``-grams) of many compact texts at once: one ``(len(norms), NUM_PERM)`` uint32 array,
    equal to ``MinHash.update_batch`` text by text, in one vectorised pass."""
    import numpy as np

    a, b = _permutations()
    pad = "\0" * (SHINGLE - 1)  # texts are apart; a text shorter than a shingle is zero-padded
    cps = np.frombuffer((pad.join(norms) + pad).encode("utf-32-le"), dtype=np.uint32)
    lens = np.array([len(n) for n in norms], dtype=np.intp)
    counts = np.maximum(1, lens - (SHINGLE - 1))
    begins = np.r_[0, np.cumsum(lens + SHINGLE - 1)[:-1]]  # where each text starts in cps
    starts = np.r_[0, np.cumsum(counts)[:-1]]  # where each text's shingles start
    pos = np.arange(counts.sum()) + np.repeat(begins - starts, counts)
    with np.errstate(over="ignore"):  # uint32 arithmetic: the wrap-around is the modulo 2^32
        h = np.zeros(len(pos), dtype=np.uint32)
        for k in range(SHINGLE):
            h = h * np.uint32(_P) + cps[pos + k]
        phv = _fmix32(h.reshape(-1, 1)) * a + b
    return np.minimum.reduceat(phv, starts, axis=0)


def minhash(norm: str):
    """The MinHash signature of one compact text (see :func:`signatures`)."""
    return signatures([norm])[0]


def band_keys(norm: str) -> tuple:
    """LSH keys of a compact paragraph: ``band << 32 | crc32(band of the MinHash)``."""
    return tuple(_bands(minhash(norm)))


def _bands(hv) -> list:
    return [(b << 32) | zlib.crc32(hv[b * ROWS:(b + 1) * ROWS].tobytes()) for b in range(BANDS)]


def split_text(path: str, text: str, archive: bool = False) -> FileUnits:
    """The comparable units of a report's text (one paragraph per non-empty line)."""
    fu = FileUnits(path, archive=archive)
    lines, texts, norms, keyed, srows = [], [], [], [], []
    # normalising never crosses a line break: the whole text at once, then line by line
    for no, (line, nline) in enumerate(zip(text.split("\n"), normalise(text).split("\n")), 1):
        stripped = line.strip()
        if not stripped:
            continue
        heading = len(stripped) < 50 and not _TERMINATED.search(line)  # titles, headings: not compared
        norm_parts = _SPLIT.split(nline)
        orig_parts = _SPLIT.split(line)
        same = len(orig_parts) == len(norm_parts)  # normalising never touches terminators; be safe
        lead = len(line) - len(line.lstrip())
        sents, pos, pieces, q = [], 0, [], 0
        for o, n in zip(orig_parts if same else norm_parts, norm_parts):
            c = compact(n)
            at, q = q, q + len(o)
            if not c:
                continue
            os_ = o.strip()
            if same and not heading and len(os_) >= MIN_SENT and len(c) >= MIN_SENT - 4:  # not a bare title or figures
                ts = at + len(o) - len(o.lstrip()) - lead
                sents.append((pos, pos + len(c), ts, ts + len(os_), sentence_hash(c), bool(_FORMULA.search(os_))))
            pieces.append(c)
            pos += len(c)
        norm = "".join(pieces)
        if not norm:
            continue
        i = len(lines)
        lines.append(no)
        texts.append(stripped)
        norms.append(norm)
        if len(norm) >= MIN_PARA and not heading:
            keyed.append(i)
        srows.extend((i,) + r for r in sents)
    fu.lines = _ints(lines)
    fu.text = "".join(t + "\n" for t in texts)
    fu.norm = "".join(norms)
    fu.toff = _ints(accumulate((len(t) + 1 for t in texts), initial=0))
    fu.noff = _ints(accumulate(map(len, norms), initial=0))
    if srows:
        sp, ss, se, ts, te, sh, sf = zip(*srows)
        fu.sp, fu.ss, fu.se, fu.ts, fu.te = _ints(sp), _ints(ss), _ints(se), _ints(ts), _ints(te)
        fu.sh, fu.sf = array("q", sh), array("b", sf)
    if keyed:
        fu.kpara = _ints(keyed)
        fu.keys = array("q", [k for row in signatures([norms[i] for i in keyed]) for k in _bands(row)])
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


def init_worker() -> None:
    """Once per worker process (local pool or Dask worker): datasketch's permutations."""
    _permutations()


def lost_units(item, message: str) -> FileUnits:
    """The record of a file whose reading kept killing cluster workers."""
    return FileUnits(item[0], error=message)


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
    and archive files (compared with the submission only).

    Candidate buckets and sentence occurrences are found with sorted integer arrays (numpy), not
    dictionaries of Python objects, so memory grows by a few bytes per paragraph and sentence."""

    def __init__(self, boilerplate_df: int = BOILERPLATE_DF):
        self.files: list[FileUnits] = []
        self.boilerplate_df = max(2, boilerplate_df)
        self.extra_df: dict[int, int] = {}  # sentence hash -> archive files holding it (from an index)
        self.indexed = False  # True when archive files come from an index (partial, counted in extra_df)

    def add(self, fu: FileUnits) -> int:
        self.files.append(fu)
        return len(self.files) - 1

    def _archive_mask(self):
        import numpy as np

        return np.array([fu.archive for fu in self.files], dtype=bool)

    def _columns(self, col: str, per: str | None, repeat: int = 1):
        """(values, file index, per-value index) over all readable files, concatenated."""
        import numpy as np

        vals, fis, idx = [], [], []
        for fi, fu in enumerate(self.files):
            v = getattr(fu, col)
            if fu.error or not len(v):
                continue
            v = np.frombuffer(v, dtype=np.int64)
            vals.append(v)
            fis.append(np.full(len(v), fi, dtype=np.int32))
            idx.append(np.repeat(np.frombuffer(getattr(fu, per), dtype=np.int32), repeat) if per
                       else np.arange(len(v), dtype=np.int32))
        if not vals:
            return np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.int32)
        return np.concatenate(vals), np.concatenate(fis), np.concatenate(idx)

    @staticmethod
    def _groups(keys):
        """Stable order by key, the start of every run of equal keys and the run sizes."""
        import numpy as np

        order = np.argsort(keys, kind="stable")
        k = keys[order]
        starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if len(k) else np.zeros(0, np.intp)
        sizes = np.diff(np.r_[starts, len(k)])
        return order, starts, sizes

    # -- candidates
    def _paragraph_candidates(self) -> set:
        import numpy as np

        keys, fis, pis = self._columns("keys", "kpara", BANDS)
        order, starts, sizes = self._groups(keys)
        fis, pis = fis[order], pis[order]
        del keys, order
        arch = self._archive_mask()
        sel = (sizes >= 2) & (sizes <= BUCKET_CAP)
        if sel.any() and arch.any():  # buckets holding archive paragraphs only need no look
            mine = np.add.reduceat((~arch[fis]).astype(np.int32), starts) if len(starts) else sizes
            sel &= mine > 0
        cands: set = set()
        files = self.files
        for s, n in zip(starts[sel].tolist(), sizes[sel].tolist()):
            members = list(zip(fis[s:s + n].tolist(), pis[s:s + n].tolist()))
            for i, x in enumerate(members):
                for y in members[i + 1:]:
                    if x[0] != y[0] and not (files[x[0]].archive and files[y[0]].archive):
                        cands.add((x, y) if x < y else (y, x))
        return cands

    def run(self) -> dict:
        import numpy as np
        from rapidfuzz import fuzz

        files = self.files
        para_matches: list[Match] = []
        for (fa, pa), (fb, pb) in sorted(self._paragraph_candidates()):
            x, y = files[fa].para_norm(pa), files[fb].para_norm(pb)
            short = min(len(x), len(y))
            if fuzz.ratio(x, y) < 100 * MIN_SHARE * 2 * short / (len(x) + len(y)) - 1:
                continue  # cannot reach MIN_SHARE of the shorter paragraph
            total, ba, bb = align(x, y)
            if total >= MIN_PARA and total >= MIN_SHARE * short:
                para_matches.append(Match("paragraph", fa, pa, fb, pb, total,
                                          round(2 * total / (len(x) + len(y)), 3), ba, bb))
        # sentence occurrences, grouped by hash in the order of their first occurrence
        hashes, sfi, sj = self._columns("sh", None)
        order, starts, sizes = self._groups(hashes)
        hashes, sfi, sj = hashes[order], sfi[order], sj[order]
        first = order[starts]  # position of each hash's first occurrence (files, then sentences)
        del order
        arch = self._archive_mask()
        # document frequency: distinct files per hash (with an index, archive files are counted
        # there — those pulled in are a subset — and are left out here)
        counted = ~arch[sfi] if self.indexed else np.ones(len(sfi), dtype=bool)
        new_file = np.r_[True, (hashes[1:] != hashes[:-1]) | (sfi[1:] != sfi[:-1])] if len(sfi) else counted
        df = np.add.reduceat((new_file & counted).astype(np.int32), starts) if len(starts) else sizes
        nfiles = np.add.reduceat(new_file.astype(np.int32), starts) if len(starts) else sizes
        group_hash = hashes[starts]
        if self.extra_df:
            df = df + np.array([self.extra_df.get(h, 0) for h in group_hash.tolist()], dtype=np.int32)
        formula = np.array([files[f].sf[j] for f, j in zip(sfi[starts].tolist(), sj[starts].tolist())],
                           dtype=bool) if len(starts) else np.zeros(0, bool)
        boiler_sent = set(group_hash[(df >= self.boilerplate_df) | formula].tolist())
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
            fa = files[m.a]
            own = _minus(m.blocks_a, [(fa.ss[j], fa.se[j]) for j in fa.sentences(m.pa) if fa.sh[j] in boiler_sent])
            if sum(e - s for s, e in own) < MIN_PARA:
                continue  # only boilerplate sentences in common: they are listed one by one below
            kept.append(m)
        matched_paras = {(m.a, m.pa, m.b, m.pb) for m in kept + boiler}
        sent_matches = []
        multi = np.flatnonzero(nfiles >= 2)
        for g in multi[np.argsort(first[multi], kind="stable")].tolist():
            s, n = int(starts[g]), int(sizes[g])
            h = int(group_hash[g])
            where = list(zip(sfi[s:s + n].tolist(), sj[s:s + n].tolist()))
            done = False
            for i, (fa, ja) in enumerate(where):
                for fb, jb in where[i + 1:]:
                    if fa == fb or (files[fa].archive and files[fb].archive):
                        continue
                    f1, f2 = files[fa], files[fb]
                    pa, pb = f1.sp[ja], f2.sp[jb]
                    if (fa, pa, fb, pb) in matched_paras or (fb, pb, fa, pa) in matched_paras:
                        continue
                    m = Match("sentence", fa, pa, fb, pb, f1.se[ja] - f1.ss[ja], 1.0,
                              [(f1.ss[ja], f1.se[ja])], [(f2.ss[jb], f2.se[jb])], ja, jb)
                    if h in boiler_sent:
                        boiler.append(m)  # one example pair per boilerplate sentence is enough
                        done = True
                        break
                    sent_matches.append(m)
                if done:
                    break
        return self._result(kept + sent_matches, boiler, boiler_sent)

    # -- result
    def _result(self, matches: list[Match], boiler: list[Match], boiler_sent: set) -> dict:
        files = self.files
        masks = {}

        def mark(fi, pi, blocks):
            fu = files[fi]
            mk = masks.setdefault((fi, pi), bytearray(fu.noff[pi + 1] - fu.noff[pi]))
            for s, e in blocks:
                mk[s:e] = b"\1" * (e - s)
        for m in matches:
            mark(m.a, m.pa, m.blocks_a)
            mark(m.b, m.pb, m.blocks_b)
        covered: dict[int, int] = {}
        for (fi, pi), mk in masks.items():  # boilerplate sentences never count
            fu = files[fi]
            for j in fu.sentences(pi):
                if fu.sh[j] in boiler_sent:
                    mk[fu.ss[j]:fu.se[j]] = bytes(fu.se[j] - fu.ss[j])
            covered[fi] = covered.get(fi, 0) + sum(mk)
        pairs: dict[tuple, list] = {}
        partners: dict[int, set] = {}
        for m in matches:
            if m.a > m.b:
                m = Match(m.kind, m.b, m.pb, m.a, m.pa, m.overlap, m.similarity, m.blocks_b, m.blocks_a,
                          m.sb, m.sa)
            pairs.setdefault((m.a, m.b), []).append(m)
            partners.setdefault(m.a, set()).add(m.b)
            partners.setdefault(m.b, set()).add(m.a)
        out_files = []
        for fi, fu in enumerate(files):
            if fu.archive:
                continue
            total, cov = fu.chars, covered.get(fi, 0)
            out_files.append({"path": fu.path, "error": fu.error, "chars": total, "copied_chars": cov,
                              "rate": round(cov / total, 4) if total else 0.0,
                              "partners": [files[p].path for p in sorted(partners.get(fi, ()))]})
        out_pairs = []
        for (a, b), ms in sorted(pairs.items(), key=lambda kv: (-sum(m.overlap for m in kv[1]), kv[0])):
            ms.sort(key=lambda m: (files[m.a].lines[m.pa], files[m.b].lines[m.pb], m.kind,
                                   m.blocks_a[0][0] if m.blocks_a else 0))
            out_pairs.append({"a": files[a].path, "b": files[b].path,
                              "a_archive": files[a].archive, "b_archive": files[b].archive,
                              "overlap": sum(m.overlap for m in ms),
                              "matches": [self._match_dict(m) for m in ms]})
        seen, out_boiler = set(), []
        for m in boiler:
            key = files[m.a].para_norm(m.pa) if m.kind == "paragraph" else files[m.a].sh[m.sa]
            if key in seen:
                continue
            seen.add(key)
            d = self._match_dict(m)
            d["a"], d["b"] = files[m.a].path, files[m.b].path
            out_boiler.append(d)
        return {"version": 1, "boilerplate_df": self.boilerplate_df, "files": out_files,
                "pairs": out_pairs, "boilerplate": out_boiler}

    def _match_dict(self, m: Match) -> dict:
        fa, fb = self.files[m.a], self.files[m.b]
        d = {"kind": m.kind, "line_a": fa.lines[m.pa], "line_b": fb.lines[m.pb], "overlap": m.overlap,
             "similarity": m.similarity}
        if m.kind == "sentence":
            d["text_a"], d["text_b"] = fa.sentence_text(m.sa), fb.sentence_text(m.sb)
        else:
            d["text_a"], d["text_b"] = fa.para_text(m.pa), fb.para_text(m.pb)
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

        init_worker()  # imports datasketch once, before worker processes are forked
    except ImportError:
        raise ReportlintError("查重功能需要另装依赖：pip install 'reportlint[similar]'（datasketch、rapidfuzz）。") \
            from None
