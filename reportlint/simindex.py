"""The persistent archive index of ``reportlint index`` (SQLite): LSH keys of every paragraph and
hashes of every sentence of the archive as integer rows, and each report's units as one compressed
row, so that ``similar --against`` never re-reads the archive and reads from the index only the
reports that hold a candidate paragraph.

Updating is incremental: a file whose size and modification time are unchanged is kept, a changed
file is re-read, a vanished file is dropped.
"""
from __future__ import annotations

import json
import os
import sqlite3
import struct
import sys
import zlib
from array import array
from dataclasses import dataclass, field, replace

from .errors import ReportlintError
from .similar import BANDS, NUM_PERM, ROWS, SHINGLE, FileUnits

FORMAT = "reportlint-similar-index 2"
PARAMS = json.dumps({"shingle": SHINGLE, "num_perm": NUM_PERM, "bands": BANDS, "rows": ROWS,
                     "minhash": "datasketch affine32, polynomial shingle hash"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, path TEXT UNIQUE, size INTEGER, mtime INTEGER, units BLOB);
CREATE TABLE IF NOT EXISTS bands(key INTEGER, doc INTEGER, para INTEGER);
CREATE TABLE IF NOT EXISTS sents(hash INTEGER, doc INTEGER, para INTEGER);
CREATE INDEX IF NOT EXISTS bands_doc ON bands(doc);
CREATE INDEX IF NOT EXISTS sents_doc ON sents(doc);
"""
# the look-up indexes: dropped while many reports are added and built again once (one sort instead
# of millions of inserts at random places)
_LOOKUP = """
CREATE INDEX IF NOT EXISTS bands_key ON bands(key, doc, para);
CREATE INDEX IF NOT EXISTS sents_hash ON sents(hash, doc, para);
"""
BULK = 500  # adding at least this many reports (and a fifth of the index) drops the look-up indexes

_BAD = "查重索引已损坏，请删除后用 reportlint index 重新生成。"


def pack(fu: FileUnits) -> bytes:
    """A file's units as bytes (zlib of a length header, the two texts in UTF-8 and the integer
    columns little-endian); no pickle, so opening an index never runs code from it."""
    parts = [fu.text.encode("utf-8"), fu.norm.encode("utf-8")]
    for col in FileUnits.COLUMNS:
        a = getattr(fu, col)
        if sys.byteorder != "little":  # pragma: no cover - big-endian machines
            a = array(a.typecode, a)
            a.byteswap()
        parts.append(a.tobytes())
    return zlib.compress(struct.pack(f"<{len(parts)}I", *map(len, parts)) + b"".join(parts), 1)


def unpack(path: str, blob: bytes, where: str) -> FileUnits:
    n = 2 + len(FileUnits.COLUMNS)
    try:
        raw = zlib.decompress(blob)
        sizes = struct.unpack_from(f"<{n}I", raw)
        pos = 4 * n
        chunks = []
        for size in sizes:
            chunks.append(raw[pos:pos + size])
            pos += size
        fu = FileUnits(path, archive=True, text=chunks[0].decode("utf-8"), norm=chunks[1].decode("utf-8"))
        for col, chunk in zip(FileUnits.COLUMNS, chunks[2:]):
            a = array(getattr(fu, col).typecode)
            a.frombytes(chunk)
            if sys.byteorder != "little":  # pragma: no cover
                a.byteswap()
            setattr(fu, col, a)
    except (zlib.error, struct.error, UnicodeDecodeError, ValueError, TypeError):
        raise ReportlintError(_BAD, where) from None
    if pos != len(raw) or len(fu.toff) != len(fu.lines) + 1 or len(fu.keys) != BANDS * len(fu.kpara):
        raise ReportlintError(_BAD, where)
    return fu


@dataclass(slots=True)
class Packed:
    """What the index keeps of one report, made where the report is read (a worker): its packed
    units and the integer rows of its LSH keys and sentence hashes."""
    path: str
    error: str | None = None
    units: bytes = b""
    keys: array = field(default_factory=lambda: array("q"))
    kpara: array = field(default_factory=lambda: array("i"))
    sh: array = field(default_factory=lambda: array("q"))
    sp: array = field(default_factory=lambda: array("i"))

    def with_path(self, path: str) -> "Packed":
        return replace(self, path=path)


def packed(fu: FileUnits) -> Packed:
    if fu.error:
        return Packed(fu.path, fu.error)
    return Packed(fu.path, None, pack(fu), fu.keys, fu.kpara, fu.sh, fu.sp)


def packed_units(item) -> Packed:
    """Executor task of ``index``: ``(path, max_bytes)`` → :class:`Packed` (compressed on the worker)."""
    from .similar import file_units

    return packed(file_units(item))


def lost_packed(item, message: str) -> Packed:
    """The record of a file whose reading kept killing cluster workers."""
    return Packed(item[0], error=message)


def _unique(units: list[FileUnits], col: str) -> list[int]:
    import numpy as np

    arrays = [np.frombuffer(getattr(fu, col), dtype=np.int64) for fu in units if len(getattr(fu, col))]
    return np.unique(np.concatenate(arrays)).tolist() if arrays else []


def is_index(path: str) -> bool:
    if not os.path.isfile(path):
        return False
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


class Index:
    def __init__(self, path: str, create: bool = False):
        self.path = path
        if not create and not is_index(path):
            raise ReportlintError("不是 reportlint 查重索引文件（请用 reportlint index 生成）。", path)
        try:
            self.db = sqlite3.connect(path)
            self.db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;")
            meta = {}
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                meta = dict(self.db.execute("SELECT key, value FROM meta"))
            if not meta and create:
                self.db.executescript(_SCHEMA + _LOOKUP)
        except sqlite3.DatabaseError as exc:
            raise ReportlintError(f"无法打开查重索引：{exc}", path) from None
        if not meta:
            if not create:
                raise ReportlintError("不是 reportlint 查重索引文件（请用 reportlint index 生成）。", path)
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("params", PARAMS)])
            self.db.commit()
        elif meta.get("format") != FORMAT or meta.get("params") != PARAMS:
            raise ReportlintError("查重索引由不同版本的 reportlint 生成，请用 reportlint index 重新生成。", path)

    def close(self) -> None:
        self.db.close()

    # -- building
    def stale(self, files: list[str]) -> tuple[list[str], list[str]]:
        """(files to (re)read, indexed paths that no longer exist among ``files``)."""
        known = {p: (s, m) for p, s, m in self.db.execute("SELECT path, size, mtime FROM docs")}
        todo = []
        for f in files:
            key = os.path.abspath(f)
            try:
                st = os.stat(f)
                if known.get(key) == (st.st_size, st.st_mtime_ns):
                    continue
            except OSError:
                pass
            todo.append(f)
        wanted = {os.path.abspath(f) for f in files}
        return todo, [p for p in known if p not in wanted]

    def remove(self, paths: list[str]) -> None:
        for p in paths:
            row = self.db.execute("SELECT id FROM docs WHERE path = ?", (p,)).fetchone()
            if row is None:
                continue
            for table in ("bands", "sents", "docs"):
                self.db.execute(f"DELETE FROM {table} WHERE {'id' if table == 'docs' else 'doc'} = ?", row)

    def insert(self, p: "Packed") -> None:
        """Add a report known not to be in the index (see :func:`packed_units`)."""
        try:
            st = os.stat(p.path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size, mtime = -1, -1
        cur = self.db.execute("INSERT INTO docs(path, size, mtime, units) VALUES (?, ?, ?, ?)",
                              (os.path.abspath(p.path), size, mtime, p.units))
        doc = cur.lastrowid
        self.db.executemany("INSERT INTO bands VALUES (?, ?, ?)",
                            [(p.keys[k], doc, p.kpara[k // BANDS]) for k in range(len(p.keys))])
        self.db.executemany("INSERT INTO sents VALUES (?, ?, ?)", zip(p.sh, [doc] * len(p.sh), p.sp))

    def drop_lookup(self) -> None:
        self.db.executescript("DROP INDEX IF EXISTS bands_key; DROP INDEX IF EXISTS sents_hash;")

    def ensure_lookup(self) -> None:
        self.db.executescript(_LOOKUP)

    def commit(self) -> None:
        self.db.commit()

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    # -- querying
    def candidates(self, subs: list[FileUnits], skip_df: int) -> tuple[list[FileUnits], dict[int, int]]:
        """Archive paragraphs that may match the submission (sharing an LSH key or a sentence whose
        archive document frequency is below ``skip_df``), grouped per archive file (each file holds
        only those paragraphs), and the archive document frequency of every submission sentence
        found in the archive. Only the reports holding such a paragraph are read from the index."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS qk(key INTEGER PRIMARY KEY)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS qs(hash INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM qk")
        db.execute("DELETE FROM qs")
        # sorted, without repeats: appending to the temporary B-trees is cheap
        db.executemany("INSERT INTO qk VALUES (?)", ((k,) for k in _unique(subs, "keys")))
        db.executemany("INSERT INTO qs VALUES (?)", ((h,) for h in _unique(subs, "sh")))
        # CROSS JOIN: the submission's keys drive the look-ups (left to itself, the planner may scan
        # the whole archive's rows and probe the small table)
        df = dict(db.execute("SELECT s.hash, COUNT(DISTINCT s.doc) FROM qs CROSS JOIN sents s ON s.hash = qs.hash "
                             "GROUP BY s.hash"))
        rare = [h for h, n in df.items() if n < skip_df]
        wanted: dict[int, set] = {}
        for doc, para in db.execute("SELECT b.doc, b.para FROM qk CROSS JOIN bands b ON b.key = qk.key"):
            wanted.setdefault(doc, set()).add(para)
        for i in range(0, len(rare), 500):
            chunk = rare[i:i + 500]
            for doc, para in db.execute(f"SELECT doc, para FROM sents WHERE hash IN ({','.join('?' * len(chunk))})",
                                        chunk):
                wanted.setdefault(doc, set()).add(para)
        out = []
        for doc in sorted(wanted):
            path, blob = db.execute("SELECT path, units FROM docs WHERE id = ?", (doc,)).fetchone()
            fu = unpack(path, blob, self.path)
            out.append(fu.subset(sorted(p for p in wanted[doc] if p < len(fu))))
        return out, df


# ---------------------------------------------------------------- whole runs

def read_all(files: list[str], executor, max_bytes: int, progress=None):
    """Each file's :class:`FileUnits` through the executor seam (pure per-file work), in order."""
    from .similar import file_units

    for fu in executor.imap(file_units, [(f, max_bytes) for f in files]):
        if progress is not None:
            progress()
        yield fu


def build(index_path: str, files: list[str], executor, max_bytes: int, progress=None) -> dict:
    """Create or update ``index_path`` from ``files``; returns counts and unreadable files.
    The per-file work (:func:`packed_units`) runs on ``executor``; only this process writes."""
    idx = Index(index_path, create=not os.path.exists(index_path))
    try:
        idx.ensure_lookup()  # a run stopped while they were dropped left them out
        todo, gone = idx.stale(files)
        idx.remove(gone + [os.path.abspath(f) for f in todo])  # changed files are read afresh
        bulk = len(todo) >= BULK and len(todo) * 5 >= idx.count()
        if bulk:
            idx.drop_lookup()
        errors = []
        for n, p in enumerate(executor.imap(packed_units, [(f, max_bytes) for f in todo]), 1):
            if progress is not None:
                progress()
            if p.error:
                errors.append((p.path, p.error))
                continue
            idx.insert(p)
            if n % 500 == 0:
                idx.commit()
        idx.commit()
        if bulk:
            idx.ensure_lookup()
        return {"files": len(files), "read": len(todo), "kept": len(files) - len(todo),
                "removed": len(gone), "errors": errors, "indexed": idx.count()}
    finally:
        idx.close()


def compare(files: list[str], executor, max_bytes: int, against: str | None = None,
            boilerplate_df: int | None = None, progress=None) -> dict:
    """Compare a submission with itself and with an archive (a folder or an index file)."""
    from .batch import discover
    from .similar import BOILERPLATE_DF, Matcher

    m = Matcher(boilerplate_df or BOILERPLATE_DF)
    subs = list(read_all(files, executor, max_bytes, progress))
    for fu in subs:
        m.add(fu)
    archive_errors = []
    if against is not None:
        if os.path.isdir(against):
            mine = {os.path.abspath(f) for f in files}
            arch = [f for f in discover([against]) if os.path.abspath(f) not in mine]
            for fu in read_all(arch, executor, max_bytes):
                if fu.error:
                    archive_errors.append((fu.path, fu.error))
                    continue
                fu.archive = True
                m.add(fu)
        else:
            idx = Index(against)
            try:
                pulled, df = idx.candidates([fu for fu in subs if not fu.error], m.boilerplate_df)
            finally:
                idx.close()
            mine = {os.path.abspath(f) for f in files}
            for fu in pulled:
                if fu.path not in mine:
                    m.add(fu)
            m.extra_df = df
            m.indexed = True
    result = m.run()
    result["archive"] = against
    result["archive_errors"] = [{"path": p, "error": e} for p, e in archive_errors]
    return result
