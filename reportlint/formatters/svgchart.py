"""Small charts as inline SVG strings (no library, no script, no external font or file).

Every chart is ``<svg class="chart" data-chart=NAME role="img">`` with a ``<title>``; labels
are escaped. Widths are in CJK-aware cells so long Chinese labels do not overlap the bars.
"""
from __future__ import annotations

from html import escape

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")
W = 760


def _cells(s: str) -> int:
    return sum(2 if ord(ch) > 0x2e80 else 1 for ch in s)


def _clip(s: str, cells: int) -> str:
    out, n = "", 0
    for ch in s:
        n += 2 if ord(ch) > 0x2e80 else 1
        if n > cells:
            return out + "…"
        out += ch
    return out


def _fmt(v) -> str:
    return f"{v:.1%}" if isinstance(v, float) and v <= 1 else f"{v:g}" if isinstance(v, float) else str(v)


def _open(name: str, title: str, h: int) -> list[str]:
    """The opening of a chart: the <svg> element with its accessible title, and the visible title."""
    return [f'<svg class="chart" data-chart="{escape(name)}" role="img" viewBox="0 0 {W} {h}" width="{W}" '
            f'height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
            f'<text x="10" y="20" font-size="15" font-weight="bold">{escape(title)}</text>']


def hbar(name: str, title: str, items, value_fmt=_fmt) -> str:
    """Horizontal bars: ``items`` = [(label, value)]."""
    items = list(items)
    label_cells = min(44, max([_cells(lab) for lab, _ in items] + [8]))
    lx = 10 + label_cells * 7
    bar_w = W - lx - 80
    row = 24
    h = 40 + row * max(1, len(items))
    vmax = max([v for _, v in items] + [0]) or 1
    out = _open(name, title, h)
    for i, (lab, v) in enumerate(items):
        y = 32 + i * row
        w = max(1, round(bar_w * v / vmax)) if v else 0
        out.append(f'<text x="{lx - 6}" y="{y + 15}" font-size="13" text-anchor="end">'
                   f'<title>{escape(lab)}</title>{escape(_clip(lab, label_cells))}</text>'
                   f'<rect class="bar" x="{lx}" y="{y + 3}" width="{w}" height="{row - 8}" fill="{PALETTE[0]}"/>'
                   f'<text x="{lx + w + 5}" y="{y + 15}" font-size="12">{escape(value_fmt(v))}</text>')
    if not items:
        out.append('<text x="10" y="52" font-size="13" fill="#666">（无数据）</text>')
    out.append("</svg>")
    return "".join(out)


def histogram(name: str, title: str, hist, x_label: str) -> str:
    """Vertical bars over bins: ``hist`` = [{"bin": label, "count": n}]."""
    n = max(1, len(hist))
    h, top, bottom, left = 260, 34, 46, 44
    plot_h = h - top - bottom
    bw = (W - left - 20) / n
    cmax = max([b["count"] for b in hist] + [0]) or 1
    out = _open(name, title, h) + [
           f'<line x1="{left}" y1="{top + plot_h}" x2="{W - 10}" y2="{top + plot_h}" stroke="#888"/>']
    for i, b in enumerate(hist):
        bh = round(plot_h * b["count"] / cmax)
        x = left + i * bw
        out.append(f'<rect class="bar" x="{x + 3:.1f}" y="{top + plot_h - bh}" width="{bw - 6:.1f}" height="{bh}" '
                   f'fill="{PALETTE[1]}"><title>{escape(b["bin"])}：{b["count"]}</title></rect>'
                   f'<text x="{x + bw / 2:.1f}" y="{top + plot_h - bh - 4}" font-size="12" '
                   f'text-anchor="middle">{b["count"]}</text>'
                   f'<text x="{x + bw / 2:.1f}" y="{top + plot_h + 16}" font-size="12" '
                   f'text-anchor="middle">{escape(b["bin"])}</text>')
    out.append(f'<text x="{W / 2:.0f}" y="{h - 8}" font-size="12" text-anchor="middle" fill="#555">'
               f'{escape(x_label)}</text></svg>')
    return "".join(out)


def stacked(name: str, title: str, rows, keys, key_names: dict) -> str:
    """One 100 % bar per row: ``rows`` = [(label, {key: count})]; legend from ``key_names``."""
    rows = list(rows)
    label_cells = min(30, max([_cells(lab) for lab, _ in rows] + [8]))
    lx = 10 + label_cells * 7
    bar_w = W - lx - 20
    row = 26
    h = 70 + row * max(1, len(rows))
    out = _open(name, title, h)
    x = 10
    for i, k in enumerate(keys):
        nm = key_names.get(k, k)
        out.append(f'<rect x="{x}" y="30" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text x="{x + 16}" y="41" font-size="12">{escape(nm)}</text>')
        x += 24 + _cells(nm) * 7
    for j, (lab, counts) in enumerate(rows):
        y = 54 + j * row
        total = sum(counts.values()) or 1
        out.append(f'<text x="{lx - 6}" y="{y + 16}" font-size="13" text-anchor="end">'
                   f'{escape(_clip(lab, label_cells))}</text>')
        cx = float(lx)
        for i, k in enumerate(keys):
            v = counts.get(k, 0)
            if not v:
                continue
            w = bar_w * v / total
            out.append(f'<rect class="bar" x="{cx:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                       f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(lab)} · '
                       f'{escape(key_names.get(k, k))}：{v}（{v / total:.0%}）</title></rect>')
            cx += w
    out.append("</svg>")
    return "".join(out)
