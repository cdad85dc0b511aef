"""The persistent archive index of ``reportlint index`` (SQLite): LSH keys of every paragraph and
hashes of every sentence of the archive, so that ``similar --against`` never re-reads it.

Updating is incremental: a file whose size and modification time are unchanged is kept, a changed
file is re-read, a vanished file is dropped.
"""
from __future__ import annotations

import json
import os
import sqlite3

from .errors import ReportlintError
from .similar import BANDS, NUM_PERM, ROWS, SHINGLE, FileUnits, Para, Sentence

FORMAT = "reportlint-similar-index 1"
PARAMS = json.dumps({"shingle": SHINGLE, "num_perm": NUM_PERM, "bands": BANDS, "rows": ROWS})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, path TEXT UNIQUE, size INTEGER, mtime INTEGER);
CREATE TABLE IF NOT EXISTS paras(id INTEGER PRIMARY KEY, doc INTEGER, line INTEGER, text TEXT, norm TEXT,
                                 sents TEXT, keys TEXT);
CREATE INDEX IF NOT EXISTS paras_doc ON paras(doc);
CREATE TABLE IF NOT EXISTS bands(key INTEGER, para INTEGER, PRIMARY KEY(key, para)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sents(hash INTEGER, doc INTEGER, para INTEGER);
CREATE INDEX IF NOT EXISTS sents_hash ON sents(hash);
CREATE INDEX IF NOT EXISTS sents_doc ON sents(doc);
"""


def is_index(path: str) -> bool:
    if not os.path.isfile(path):
        return False
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


class Index:
    def __init__(self, path: str, create: bool = False):
        self.path = path
        self._next_pid = None
        if not create and not is_index(path):
            raise ReportlintError("不是 reportlint 查重索引文件（请用 reportlint index 生成）。", path)
        try:
            self.db = sqlite3.connect(path)
            self.db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + _SCHEMA)
            meta = dict(self.db.execute("SELECT key, value FROM meta"))
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
            doc = row[0]
            rows = self.db.execute("SELECT id, keys FROM paras WHERE doc = ?", (doc,)).fetchall()
            self.db.executemany("DELETE FROM bands WHERE key = ? AND para = ?",  # by primary key, no scan
                                [(int(k), pid) for pid, keys in rows for k in keys.split(",") if k])
            self.db.execute("DELETE FROM sents WHERE doc = ?", (doc,))
            self.db.execute("DELETE FROM paras WHERE doc = ?", (doc,))
            self.db.execute("DELETE FROM docs WHERE id = ?", (doc,))

    def add(self, fu: FileUnits) -> None:
        key = os.path.abspath(fu.path)
        self.remove([key])
        try:
            st = os.stat(fu.path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size, mtime = -1, -1
        cur = self.db.execute("INSERT INTO docs(path, size, mtime) VALUES (?, ?, ?)", (key, size, mtime))
        doc = cur.lastrowid
        if self._next_pid is None:
            self._next_pid = (self.db.execute("SELECT MAX(id) FROM paras").fetchone()[0] or 0) + 1
        paras, bands, sents = [], [], []
        for p in fu.paras:
            pid = self._next_pid
            self._next_pid += 1
            paras.append((pid, doc, p.line, p.text, p.norm,
                          json.dumps([[s.start, s.end, s.text, s.hash] for s in p.sentences], ensure_ascii=False),
                          ",".join(map(str, p.keys))))
            bands += [(k, pid) for k in p.keys]
            sents += [(s.hash, doc, pid) for s in p.sentences]
        self.db.executemany("INSERT INTO paras(id, doc, line, text, norm, sents, keys) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            paras)
        self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", bands)
        self.db.executemany("INSERT INTO sents VALUES (?, ?, ?)", sents)

    def commit(self) -> None:
        self.db.commit()

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    # -- querying
    def candidates(self, subs: list[FileUnits], skip_df: int) -> tuple[list[FileUnits], dict[int, int]]:
        """Archive paragraphs that may match the submission (sharing an LSH key or a sentence whose
        archive document frequency is below ``skip_df``), grouped per archive file, and the archive
        document frequency of every submission sentence found in the archive."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS qk(key INTEGER PRIMARY KEY)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS qs(hash INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM qk")
        db.execute("DELETE FROM qs")
        db.executemany("INSERT OR IGNORE INTO qk VALUES (?)",
                       ((k,) for fu in subs for p in fu.paras for k in p.keys))
        db.executemany("INSERT OR IGNORE INTO qs VALUES (?)",
                       ((s.hash,) for fu in subs for p in fu.paras for s in p.sentences))
        df = dict(db.execute("SELECT s.hash, COUNT(DISTINCT s.doc) FROM qs JOIN sents s ON s.hash = qs.hash "
                             "GROUP BY s.hash"))
        rare = [h for h, n in df.items() if n < skip_df]
        para_ids = {r[0] for r in db.execute("SELECT DISTINCT b.para FROM qk JOIN bands b ON b.key = qk.key")}
        for i in range(0, len(rare), 500):
            chunk = rare[i:i + 500]
            para_ids.update(r[0] for r in db.execute(
                f"SELECT para FROM sents WHERE hash IN ({','.join('?' * len(chunk))})", chunk))
        by_doc: dict[int, FileUnits] = {}
        ids = sorted(para_ids)
        paths = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = db.execute("SELECT p.id, p.doc, p.line, p.text, p.norm, p.sents, p.keys, d.path FROM paras p "
                              f"JOIN docs d ON d.id = p.doc WHERE p.id IN ({','.join('?' * len(chunk))})", chunk)
            for _pid, doc, line, text, norm, sents, keys, path in rows:
                paths[doc] = path
                fu = by_doc.setdefault(doc, FileUnits(path, archive=True))
                ss = [Sentence(a, b, t, h) for a, b, t, h in json.loads(sents)]
                fu.paras.append(Para(line, text, norm, ss, tuple(int(k) for k in keys.split(",") if k)))
        for fu in by_doc.values():
            fu.paras.sort(key=lambda p: p.line)
        return [by_doc[d] for d in sorted(by_doc)], df


# ---------------------------------------------------------------- whole runs

def read_all(files: list[str], executor, max_bytes: int, progress=None):
    """Each file's :class:`FileUnits` through the executor seam (pure per-file work), in order."""
    from .similar import file_units

    for fu in executor.imap(file_units, [(f, max_bytes) for f in files]):
        if progress is not None:
            progress()
        yield fu


def build(index_path: str, files: list[str], executor, max_bytes: int, progress=None) -> dict:
    """Create or update ``index_path`` from ``files``; returns counts and unreadable files."""
    idx = Index(index_path, create=not os.path.exists(index_path))
    try:
        todo, gone = idx.stale(files)
        idx.remove(gone)
        errors = []
        for n, fu in enumerate(read_all(todo, executor, max_bytes, progress), 1):
            if fu.error:
                errors.append((fu.path, fu.error))
                idx.remove([os.path.abspath(fu.path)])
                continue
            idx.add(fu)
            if n % 500 == 0:
                idx.commit()
        idx.commit()
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
