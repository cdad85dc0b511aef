"""The outline's profile functions made faster for batch throughput (issue 20, third pass) give what
they gave before: :func:`reportlint.profiles.role_for` (its generic keys searched by compiled
alternations) and :func:`reportlint.profiles.detect` (per-profile data worked out once, the marker
count stopped at its cap) against the pre-change module kept in ``tests/kinds_before/profiles.py``,
on every call building the corpus makes, on those calls with other reports' titles and bodies,
and on random headings made of role keys, profile section names and filler.
"""
from __future__ import annotations

import glob
import os
import random
import importlib

from reportlint import profiles
from reportlint.options import Options
from reportlint.readers import read_path
from reportlint.report import build_document
from reportlint.rulecache import load_ruleset

from kinds_before import profiles as ref

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True)
                + glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.md"), recursive=True))
OUTLINE = importlib.import_module("reportlint.outline")  # the package also exports a function named outline


def _recorded(monkeypatch):
    """Every (role_for, detect) call that building the corpus makes, and the profiles."""
    rs = load_ruleset([])
    roles, detects = [], []
    role_for, detect = profiles.role_for, profiles.detect

    def spy_role(text, prof):
        roles.append((text, prof))
        return role_for(text, prof)

    def spy_detect(*args):
        detects.append(args)
        return detect(*args)

    monkeypatch.setattr(OUTLINE, "role_for", spy_role)
    monkeypatch.setattr(profiles, "role_for", spy_role)
    monkeypatch.setattr(OUTLINE, "detect", spy_detect)
    for path in CORPUS:
        build_document(read_path(path), rs, Options())
    monkeypatch.undo()
    return roles, detects, rs.profiles


def test_role_for_and_detect_same_as_before(monkeypatch):
    roles, detects, profs = _recorded(monkeypatch)
    assert len(roles) > 3000 and len(detects) == len(CORPUS) and len(profs) >= 10
    for text, prof in roles:
        assert profiles.role_for(text, prof) == ref.role_for(text, prof), text
    found = {profiles.role_for(t, p) for t, p in roles}
    assert {"plan", "problem", "outcome", "practice", None} <= found
    rnd = random.Random(20)
    named = [n for p in profs.values() for s in p.sections for n in s.names]
    keys = [k for _, ks in profiles._GENERIC for k in ks] + named + ["做法", "经验"]
    filler = ["一、", "（二）", "主要", "的", "工作", "强化", "队伍", "建设", "，", "2026年", " ", "：", "及"]
    plist = [None, *profs.values()]
    for _ in range(4000):
        text = "".join(rnd.choice(keys if rnd.random() < 0.4 else filler) for _ in range(rnd.randint(0, 7)))
        prof = rnd.choice(plist)
        assert profiles.role_for(text, prof) == ref.role_for(text, prof), (text, prof and prof.name)
    for title, heads, body, ps in detects:
        assert profiles.detect(title, heads, body, ps) == ref.detect(title, heads, body, ps), title
    # other reports' titles over these headings and bodies, bodies with markers repeated
    markers = [m for p in profs.values() for m in p.markers]
    for i, (_, heads, body, ps) in enumerate(detects):
        title = detects[(i * 7 + 3) % len(detects)][0]
        extra = "".join(rnd.choice(markers) for _ in range(rnd.choice([0, 1, 3, 6, 12])))
        for b in (body, extra + body, body[: len(body) // 2]):
            assert profiles.detect(title, heads, b, ps) == ref.detect(title, heads, b, ps), title
    assert len({profiles.detect(*a)[0] for a in detects}) >= 8
