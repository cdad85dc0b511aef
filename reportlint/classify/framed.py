"""Cache files of the classifier (the compact model, the batched scorer's n-gram arrays): an 8-byte
magic, a JSON header naming what the file was built from, then raw arrays. Both readers and writers
share this framing; a stale, foreign or truncated file is a ValueError and the caller rebuilds it."""
from __future__ import annotations

import json
import os
import sys


def read(path: str, magic: bytes, source) -> tuple[dict, bytes, int]:
    """(header, whole file, offset of the payload); ValueError unless the file has ``magic`` and was
    built from ``source`` on a machine of this byte order."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:8] != magic:
        raise ValueError(f"not a {magic!r} file")
    hlen = int.from_bytes(data[8:12], "little")
    header = json.loads(data[12:12 + hlen])
    if header.get("source") != source or header.get("byteorder") != sys.byteorder:
        raise ValueError(f"stale {magic!r} file")
    return header, data, 12 + hlen


def write(path: str, magic: bytes, source, header: dict, payload: bytes) -> None:
    """Write atomically (a temporary file, then rename); OSError is the caller's to ignore."""
    head = json.dumps(dict(header, source=source, byteorder=sys.byteorder), ensure_ascii=False).encode("utf-8")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(magic + len(head).to_bytes(4, "little") + head + payload)
    os.replace(tmp, path)
