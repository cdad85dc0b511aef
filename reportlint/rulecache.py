"""Load the rule set once per process; parse and verify rule files only when they change.

Reading ~60 YAML files costs ~60 ms a run (importing PyYAML, parsing the rules, and the
profiles), verifying every rule's examples ~0.3 s. So the first run of a given set of rule
and profile files (and of a given reportlint code) verifies the examples and writes the
parsed YAML as JSON to ``<cache>/rules-<digest>.json``; later runs read that file (~1 ms)
instead of the YAML and skip the verification. The digest covers the content of every rule
and profile file, the package version and the size and modification time of reportlint's
own source files, so editing either re-parses and re-verifies.

The cache holds only plain data (what ``yaml.safe_load`` returned, checked to survive the
JSON round trip exactly) — never pickles — and rules are still built from it each run,
user rules still under their regular-expression checks. It also holds the compiled form
of the regular expressions the rules and check kinds use (:mod:`reportlint.recache`),
which would otherwise cost ~60 ms of pure-Python compiling a run.
"""
from __future__ import annotations

import hashlib
import json
import os

from .paths import __version__, cache_dir

_KEEP = 8  # rules-*.json files kept (one per distinct rule-folder set and content)


def code_stamp(h) -> None:
    """Feed size and mtime of reportlint's own modules into ``h``: editing the code invalidates caches."""
    pkg = os.path.dirname(os.path.abspath(__file__))
    for root, dirs, files in os.walk(pkg):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "data"))
        for fn in sorted(files):
            if fn.endswith(".py"):
                st = os.stat(os.path.join(root, fn))
                h.update(f"{os.path.relpath(os.path.join(root, fn), pkg)}|{st.st_size}|{st.st_mtime_ns}\n".encode())


def source_digest(extra: list[str]) -> str:
    """Digest of every file :func:`reportlint.rulefile.load_rules` reads, plus reportlint's own code."""
    from .paths import rules_root
    from .rulefile import _yaml_files

    from .recache import version_key

    h = hashlib.sha256(f"reportlint {__version__}\n{version_key()}\n".encode())
    code_stamp(h)
    folders = [rules_root()] + list(extra)
    for folder in folders:
        if not os.path.isdir(folder):
            h.update(b"missing " + folder.encode("utf-8", "replace"))
            continue
        paths = list(_yaml_files(folder))
        pdir = os.path.join(folder, "profiles")
        if os.path.isdir(pdir):
            paths += [os.path.join(pdir, fn) for fn in sorted(os.listdir(pdir))]
        for path in paths:
            try:
                with open(path, "rb") as fh:
                    raw = fh.read()
            except OSError:
                raw = b"\0unreadable"
            h.update(path.encode("utf-8", "replace") + b"\0" + str(len(raw)).encode() + b"\0" + raw)
    return h.hexdigest()[:24]


# YAML data that JSON cannot carry as is: maps with non-text keys (``fonts: {1: [黑体]}``) and
# dates. They are written as one-key objects tagged with a NUL-prefixed name.
_MAP, _DATE, _DATETIME = "\0map", "\0date", "\0datetime"


def _encode(x):
    if isinstance(x, dict):
        if all(isinstance(k, str) and not k.startswith("\0") for k in x):
            return {k: _encode(v) for k, v in x.items()}
        return {_MAP: [[_encode(k), _encode(v)] for k, v in x.items()]}
    if isinstance(x, list):
        return [_encode(v) for v in x]
    if x is None or isinstance(x, (str, bool, int, float)):
        return x
    import datetime

    if isinstance(x, datetime.datetime):
        return {_DATETIME: x.isoformat()}
    if isinstance(x, datetime.date):
        return {_DATE: x.isoformat()}
    raise TypeError(type(x).__name__)


def _decode(x):
    if isinstance(x, dict):
        if len(x) == 1:
            (k, v), = x.items()
            if k == _MAP:
                return {_decode(a): _decode(b) for a, b in v}
            if k in (_DATE, _DATETIME):
                import datetime

                return (datetime.date if k == _DATE else datetime.datetime).fromisoformat(v)
        return {k: _decode(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_decode(v) for v in x]
    return x


def load_cached(extra: list[str]):
    from . import recache
    from .rulefile import load_rules, verify_examples

    path = os.path.join(cache_dir(), f"rules-{source_digest(extra)}.json")
    try:
        with open(path, encoding="utf-8") as fh:
            cached = json.load(fh)
        documents = _decode(cached["documents"])
        recache.install(cached.get("regex"))
        return load_rules(extra, verify=False, documents=documents)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    documents: dict = {}
    patterns: list = []
    with recache.recording(patterns):
        rs = load_rules(extra, verify=False, documents=documents)
        verify_examples(rs)
    _save(path, documents, recache.snapshot(patterns))
    return rs


def _save(path: str, documents: dict, regex: list) -> None:
    try:
        text = json.dumps({"documents": _encode(documents), "regex": regex}, ensure_ascii=False,
                          allow_nan=False)
        if _decode(json.loads(text)["documents"]) != documents:
            return  # YAML gave something this cache cannot carry exactly: parse every time
    except (TypeError, ValueError):
        return
    try:  # read-only home: parse and verify every time, which is still correct
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        old = sorted((os.path.join(folder, f) for f in os.listdir(folder)
                      if f.startswith("rules-") and f.endswith(".json")), key=os.path.getmtime)
        for f in old[:-_KEEP]:
            os.remove(f)
    except OSError:
        pass


_RULESETS: dict = {}


def load_ruleset(extra: list[str] | None = None):
    """Rules and profiles, loaded once per process per distinct set of extra folders (the memo)."""
    key = tuple(extra or ())
    if key not in _RULESETS:
        _RULESETS[key] = load_cached(list(key))
    return _RULESETS[key]
