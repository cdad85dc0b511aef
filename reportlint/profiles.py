"""Report profiles (report types): load from ``rules/profiles``, detect, map headings to roles."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .errors import RuleFileError

from .vocab import LABELS, ROLE_NAMES  # noqa: F401  (re-exported: profiles name roles and labels)
# Generic keywords, tried in this order when no profile synonym matches.
_GENERIC = (
    ("plan", ("下一步", "下步", "打算", "努力方向", "工作计划", "工作思路", "安排", "今后", "展望")),
    ("suggestion", ("对策", "建议")),
    ("problem", ("问题", "不足", "短板", "差距", "困难", "弱项")),
    ("outcome", ("成效", "成绩", "成果", "成就", "收获", "实效")),
    ("insight", ("启示", "体会", "感悟", "思考", "经验", "认识")),
    ("integrity", ("廉洁", "廉政")),
    ("politics", ("思想政治", "政治理论", "理论学习")),
    ("practice", ("做法", "举措", "措施", "开展情况", "主要工作", "履职", "履行职责", "完成情况", "工作回顾",
                  "推进情况", "工作进展", "总体进展")),
    ("background", ("基本情况", "概况", "总体情况", "现状", "背景", "由来", "基本态势")),
)
# role_for's key test as compiled searches: a key is a literal, so the alternation of a role's keys
# finds a match exactly when one of them is in the text (one C-level search instead of a Python loop)
_GENERIC_SEARCH = tuple((role, re.compile("|".join(map(re.escape, keys))).search) for role, keys in _GENERIC)
_ANY_GENERIC = re.compile("|".join(re.escape(k) for _, keys in _GENERIC for k in keys)).search
_PROFILE_KEYS = {"name", "description", "title_keywords", "markers", "sections"}
_SECTION_KEYS = {"role", "names", "required", "labels"}
_STRIP = re.compile(r"[\s\u3000，。、：:；;！!？?“”\"（）()《》—…*#]+")


@dataclass(frozen=True)
class SectionSpec:
    role: str
    names: tuple[str, ...]
    required: bool
    labels: tuple[str, ...]

    @property
    def display(self) -> str:
        return self.names[0] if self.names else ROLE_NAMES.get(self.role, self.role)


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    title_keywords: tuple[str, ...]
    markers: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    path: str = ""

    def section(self, role: str) -> SectionSpec | None:
        for s in self.sections:
            if s.role == role:
                return s
        return None


def _req(d: dict, key: str, typ, path: str):
    if key not in d:
        raise RuleFileError("缺少必填项。", path, key)
    if not isinstance(d[key], typ):
        raise RuleFileError("类型不对。", path, key)
    return d[key]


def parse_profile(data, path: str) -> Profile:
    if not isinstance(data, dict):
        raise RuleFileError("报告类型文件应是键值映射。", path)
    for k in data:
        if k not in _PROFILE_KEYS:
            raise RuleFileError(f"未知的键（可用：{'、'.join(sorted(_PROFILE_KEYS))}）。", path, str(k))
    name = _req(data, "name", str, path)
    secs = []
    for i, s in enumerate(_req(data, "sections", list, path)):
        if not isinstance(s, dict):
            raise RuleFileError("每个章节应是键值映射。", path, f"sections[{i}]")
        for k in s:
            if k not in _SECTION_KEYS:
                raise RuleFileError("未知的键。", path, f"sections[{i}].{k}")
        role = _req(s, "role", str, path)
        labels = tuple(s.get("labels") or ())
        for lab in labels:
            if lab not in LABELS:
                raise RuleFileError(f"未知的段落标签“{lab}”（可用：{'、'.join(LABELS)}）。", path,
                                    f"sections[{i}].labels")
        secs.append(SectionSpec(role, tuple(s.get("names") or ()), bool(s.get("required", False)), labels))
    return Profile(name, str(data.get("description", "")), tuple(data.get("title_keywords") or ()),
                   tuple(data.get("markers") or ()), tuple(secs), path)


def load_profiles(folders: list[str], documents: dict | None = None) -> dict[str, Profile]:
    """``documents``: optional path → parsed YAML cache (:func:`reportlint.ruleyaml.load_yaml`)."""
    from .ruleyaml import load_yaml

    out: dict[str, Profile] = {}
    for folder in folders:
        d = os.path.join(folder, "profiles")
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            if not fn.endswith((".yaml", ".yml")):
                continue
            p = os.path.join(d, fn)
            if documents is not None and p in documents:
                data = documents[p]
            else:
                with open(p, "rb") as fh:
                    data = load_yaml(fh.read(), p, documents)
            prof = parse_profile(data, p)
            out[prof.name] = prof
    return out


def norm(text: str) -> str:
    return _STRIP.sub("", text)


def role_for(text: str, profile: Profile | None) -> str | None:
    """The role a heading's text names, or None for a content heading like “强化队伍建设”."""
    t = norm(text)
    if not t or len(t) > 24:
        return None
    if profile:
        best = None
        for s in profile.sections:
            for n in s.names:
                if n in t and (best is None or len(n) > best[0]):
                    best = (len(n), s.role)
        if best:
            return best[1]
    if "做法" in t and "经验" in t:
        return "practice"
    if not _ANY_GENERIC(t):
        return None
    for role, search in _GENERIC_SEARCH:
        if search(t):
            if profile is None or profile.section(role) or role in ("problem", "plan", "outcome"):
                return role
            # profile lacks this role: map to the closest one it has
            alt = {"suggestion": "plan", "findings": "outcome", "politics": "practice",
                   "integrity": "practice", "practice": "background"}.get(role)
            if alt and profile.section(alt):
                return alt
            return role
    return None


def roles_in(text: str, profile: Profile | None) -> set[str]:
    """Every role a heading names — a combined heading (“三、存在的问题和下一步打算”) names two;
    :func:`role_for` gives the one it is filed under."""
    t = norm(text)
    if not t or len(t) > 24:
        return set()
    out = set()
    if profile:
        out |= {s.role for s in profile.sections for n in s.names if n in t}
    for role, keys in _GENERIC:
        if any(k in t for k in keys):
            out.add(role)
    first = role_for(text, profile)
    return out | ({first} if first else set())


_MODIFIER = re.compile(r"^(?:主要|存在的?|取得的?|面临的?|当前|目前|突出|具体|几点|一些|基本|重点|工作|下一步|下步|"
                       r"今后|明年|来年|下半年|上半年|全年|年度|(?:20\d\d|二〇\S\S)年|经验|的)*$")
_CONNECTOR = ("及", "和", "与", "暨", "以及", "并")
_SUFFIX = ("情况", "方面", "部分")  # 履行职责情况, 廉洁自律方面


def names_role(text: str, role: str, profile: Profile | None) -> bool:
    """True if ``text`` is itself a section name for ``role`` — the role's name or keyword with only
    generic modifiers around it (“存在的主要问题”“2027年工作打算”“问题及原因”) — rather than a
    content heading that contains a keyword (“活动载体缺乏实效”“突出问题整治”)."""
    t = norm(text)
    keys = [k for r, ks in _GENERIC if r == role for k in ks]
    if profile and profile.section(role):
        keys += list(profile.section(role).names)
    for k in keys:
        i = t.find(k)
        while i != -1:
            head, tail = t[:i], t[i + len(k):]
            if _MODIFIER.match(head) and (not tail or tail in _SUFFIX
                                          or (tail.startswith(_CONNECTOR) and len(tail) <= 6)):
                return True
            i = t.find(k, i + 1)
    return False


# Title words that name the genre outright (“……会议情况的报告” is a 情况报告 whatever its headings).
STRONG_TITLE_WORDS = ("述职", "述廉", "调研", "经验", "情况报告", "总结", "会议情况", "检查情况", "督查情况",
                      "讲话", "事迹", "工作思路", "工作要点", "工作计划", "代表大会", "教代会", "职代会", "党代会",
                      "概况", "简介", "年终总结", "转正", "个人工作总结", "个人总结", "个人年终", "个人年终总结")


_DERIVED: dict[int, tuple] = {}  # id(profile) → (profile, title words longest first, roles, required roles)


def _derived(prof: Profile) -> tuple:
    """What :func:`detect` reads of a profile, worked out once per profile object (the profile is
    kept in the entry, so its id cannot be reused while the entry is there)."""
    d = _DERIVED.get(id(prof))
    if d is None or d[0] is not prof:
        if len(_DERIVED) >= 1000:
            _DERIVED.clear()
        d = (prof, tuple(sorted(prof.title_keywords, key=len, reverse=True)),
             frozenset(sec.role for sec in prof.sections), [sec.role for sec in prof.sections if sec.required])
        _DERIVED[id(prof)] = d
    return d


def detect(title: str, headings: list[str], body: str, profiles: dict[str, Profile]) -> tuple[str | None, float]:
    """Pick the profile that best fits; return (name, confidence 0..1)."""
    if not profiles:
        return None, 0.0
    scores: dict[str, float] = {}
    parts = [norm(x) for x in title.split("\n")]  # main title and subtitle
    tnorm = "".join(parts)
    ends, pos = set(), 0
    for part in parts:
        pos += len(part)
        ends.add(pos)
    # every profile's title words found, so that a word inside a longer one of another profile does not
    # count (总结 inside 个人年终总结)
    found = [(i, i + len(kw), name) for name, prof in profiles.items() for kw in prof.title_keywords
             if kw and (i := tnorm.find(kw)) != -1]
    head_roles = [r for r in (role_for(h, None) for h in headings) if r]
    head_set = set(head_roles)
    covered: dict[str, int] = {}
    for name, prof in profiles.items():
        _, keywords, roles, req = _derived(prof)
        s = 0.0
        taken: list[tuple[int, int]] = []  # title spans already counted: 党支部 is not also 支部
        for kw in keywords:
            i = tnorm.find(kw) if kw else -1
            if i == -1 or any(a < i + len(kw) and i < b for a, b in taken):
                continue
            j = i + len(kw)
            if any(other != name and a <= i and j <= b and b - a > j - i for a, b, other in found):
                continue
            taken.append((i, j))
            # a longer (more specific) title word is stronger evidence: 个人工作总结 over 总结; the genre
            # word that ends a title names the genre (……总结表彰大会上的讲话 is a 讲话)
            s += (6.0 if kw in STRONG_TITLE_WORDS else 1.5) + 0.25 * max(0, len(kw) - 2)
            if j in ends and kw in STRONG_TITLE_WORDS:
                s += 3.0
        if prof.markers:
            k = 0
            for m in prof.markers:
                k += body.count(m)
                if k >= 4:  # 0.5 × 4 is the cap already: the other markers cannot change the score
                    break
            s += min(2.0, 0.5 * k)
        covered[name] = 0
        if head_roles:
            hit = sum(1 for r in head_set if r in roles)
            s += 2.0 * hit / max(len(head_set), 1)
            covered[name] = sum(1 for r in req if r in head_set)
            s += 1.0 * covered[name] / max(len(req), 1)
        scores[name] = s
    # On a tie, the profile whose required sections the headings cover most is the more specific
    # fit (做法、成效、启示 → 经验交流材料 rather than 党建工作汇报, which requires only 做法).
    ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 6), -covered[kv[0]], kv[0]))
    best, bs = ranked[0]
    if bs <= 0:
        return "工作汇报" if "工作汇报" in profiles else best, 0.2
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    conf = max(0.2, min(0.99, 0.5 + (bs - second) / (bs + 1.0)))
    return best, round(conf, 2)
