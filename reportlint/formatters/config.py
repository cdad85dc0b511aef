"""``reportlint config``: each effective setting with its source."""
from __future__ import annotations

import json
import os


def render(cfg, out, path: str = ".", **_) -> None:
    out.write(f"配置文件：{cfg.path or '（未找到，使用默认值）'}\n")
    for k in sorted(cfg.values):
        out.write(f"{k:18s} = {json.dumps(cfg.values[k], ensure_ascii=False)}    # 来源：{cfg.sources[k]}\n")
    if os.path.isfile(path):
        codes = cfg.per_file_codes(path)
        if codes:
            out.write(f"按 per-file-ignores，{path} 另外忽略：{'、'.join(codes)}\n")
