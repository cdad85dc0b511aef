"""Result cache for ``batch``: one small SQLite file of JSON values (no pickles).

Key = hash(file content) + the reader the file goes to (its extension and the type sniffed
from its first bytes: a .txt renamed to .docx must not get the .txt's result) + hash(what
decides the findings): the package version, the rule set digest (rule and profile files), the
classifier model and lexicon files, the size and modification time of reportlint's own modules
(the code stamp), the per-file options and the shape of :class:`FileReport`/:class:`Finding`.
A changed file, reader, rule, option or version simply misses. Location: ``--cache-dir``, else ``$REPORTLINT_CACHE``,
else ``$XDG_CACHE_HOME/reportlint`` or ``~/.cache/reportlint``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3

from .paths import __version__
from .finding import Finding, Fix
from .options import Options
from .report import FileReport

DB_NAME = "results-v1.sqlite3"
MAX_ROWS = 200_000  # beyond this, the oldest entries are dropped
_FINDING_FIELDS = [f.name for f in dataclasses.fields(Finding)]
_REPORT_FIELDS = [f.name for f in dataclasses.fields(FileReport)]


def default_dir() -> str:
    from .paths import cache_dir

    return cache_dir()


def _file_digest(paths) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in paths:
        try:
            with open(p, "rb") as fh:
                h.update(p.encode("utf-8", "replace") + b"\0" + fh.read())
        except OSError:
            h.update(p.encode("utf-8", "replace") + b"\0-")
    return h.hexdigest()


def run_salt(ruleset) -> str:
    """Everything except the file and its options that decides a FileReport."""
    from .classify.predict import MODEL_PATH
    from .paths import rules_root

    lex = os.path.join(rules_root(), "lexicon")
    lexfiles = sorted(os.path.join(lex, f) for f in os.listdir(lex)) if os.path.isdir(lex) else []
    shape = ",".join(_FINDING_FIELDS) + "|" + ",".join(_REPORT_FIELDS)
    return "|".join([__version__, ruleset.digest, _file_digest([MODEL_PATH] + lexfiles), shape, _code_stamp()])


def _code_stamp() -> str:
    """Size and mtime of reportlint's own modules: editing the code (same version) invalidates."""
    from .rulecache import code_stamp

    h = hashlib.blake2b(digest_size=12)
    code_stamp(h)
    return h.hexdigest()


def options_key(opts: Options) -> str:
    # vars(), not dataclasses.asdict(): no deep copy (10,000 files: 0.05 s instead of 0.5 s)
    return json.dumps(vars(opts), sort_keys=True, ensure_ascii=False, default=str)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def make_key(content: str, salt: str, opts_key: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(content.encode() + b"\0" + salt.encode() + b"\0" + opts_key.encode("utf-8"))
    return h.hexdigest()


# ---------------------------------------------------------------- (de)serialisation

def report_to_json(r: FileReport) -> str:
    d = {}
    for name in _REPORT_FIELDS:
        v = getattr(r, name)
        if name == "findings":
            v = [_finding_list(f) for f in v]
        elif name == "lines":
            v = {str(k): s for k, s in v.items()}
        d[name] = v
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _finding_list(f: Finding) -> list:
    out = []
    for name in _FINDING_FIELDS:
        v = getattr(f, name)
        if name == "fix" and v is not None:
            v = [v.start, v.end, v.replacement]
        elif name == "related":
            v = [list(x) for x in v]
        out.append(v)
    return out


_I_FIX, _I_RELATED, _I_PATH = (_FINDING_FIELDS.index(k) for k in ("fix", "related", "path"))


def report_from_json(s: str, path: str) -> FileReport:
    d = json.loads(s)
    findings = []
    n = len(_FINDING_FIELDS)
    for vals in d.get("findings", []):
        if len(vals) != n:
            raise ValueError("finding shape")
        if vals[_I_FIX] is not None:
            vals[_I_FIX] = Fix(*vals[_I_FIX])
        vals[_I_RELATED] = tuple(tuple(x) for x in vals[_I_RELATED] or ())
        vals[_I_PATH] = path
        findings.append(Finding(*vals))  # fields in declaration order, as _finding_list wrote them
    d["findings"] = findings
    d["lines"] = {int(k): v for k, v in (d.get("lines") or {}).items()}
    d["path"] = path
    return FileReport(**{k: v for k, v in d.items() if k in _REPORT_FIELDS})


# ---------------------------------------------------------------- store

class ResultCache:
    """``get``/``put`` FileReports by key; writes are batched into transactions."""

    def __init__(self, directory: str | None = None):
        self.directory = directory or default_dir()
        self.path = os.path.join(self.directory, DB_NAME)
        self.hits = 0
        self.misses = 0
        self._pending = 0
        self._db = None
        try:
            os.makedirs(self.directory, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error):
            self._db = None  # unusable cache directory: run without a cache

    @property
    def usable(self) -> bool:
        return self._db is not None

    def contains(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        if self._db is None:
            return found
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            q = "SELECT key FROM results WHERE key IN (%s)" % ",".join("?" * len(part))
            found.update(k for (k,) in self._db.execute(q, part))
        return found

    def get(self, key: str, path: str) -> FileReport | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            rep = report_from_json(row[0], path)
        except (ValueError, TypeError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return rep

    def get_record(self, key: str) -> dict | None:
        """A JSON record stored with :meth:`put_record` (``summary``'s per-file statistics)."""
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        try:
            rec = json.loads(row[0]) if row is not None else None
        except ValueError:
            rec = None
        if isinstance(rec, dict):
            self.hits += 1
            return rec
        self.misses += 1
        return None

    def put_record(self, key: str, record: dict) -> None:
        self._put(key, json.dumps(record, ensure_ascii=False, sort_keys=True))

    def put(self, key: str, report: FileReport) -> None:
        self._put(key, report_to_json(report))

    def _put(self, key: str, value: str) -> None:
        if self._db is None:
            return
        try:
            if self._pending == 0:
                self._db.execute("BEGIN")
            self._db.execute("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                             (key, value))
            self._pending += 1
            if self._pending >= 200:
                self._commit()
        except sqlite3.Error:
            pass

    def _commit(self) -> None:
        if self._db is not None and self._pending:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error:
                pass
            self._pending = 0

    def close(self) -> None:
        if self._db is None:
            return
        self._commit()
        try:
            (n,) = self._db.execute("SELECT count(*) FROM results").fetchone()
            if n > MAX_ROWS:
                self._db.execute("DELETE FROM results WHERE rowid IN (SELECT rowid FROM results "
                                 "ORDER BY rowid LIMIT ?)", (n - MAX_ROWS,))
        except sqlite3.Error:
            pass
        self._db.close()
        self._db = None
