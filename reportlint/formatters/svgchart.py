"""Small charts as inline SVG strings (no library, no script, no external font or file).

Every chart is ``<svg class="chart" data-chart=NAME role="img">`` with a ``<title>``; labels
are escaped. Every chart has axes (``class="axis"``: the lines, their ticks and tick labels)
and a named value axis. Text is placed from widths estimated in CJK-aware cells (a Han
character is two) with room to spare, so no label overlaps another label, a bar or the
chart's title; ``tests/test_html_browser.py`` measures the rendered text in Chromium.
"""
from __future__ import annotations

from html import escape

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")
LIGHT = {"#76b7b2", "#edc948", "#f28e2b"}  # fills that need dark text on them
W = 760
CELL = 7.0  # px per cell at 13px (a Han character is two cells, ~13px)
TITLE_Y = 20  # baseline of the chart title (15px bold)
GRID = "#e3e6ea"
AXIS = "#888"


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


def ticks(vmax: float, most: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``vmax`` (steps of 1, 2 or 5 × 10ⁿ; at most ``most`` + 1 ticks)."""
    if vmax <= 0:
        return [0, 1]
    step = 1.0
    while vmax / step > most:
        for m in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → …
            step *= m
            if vmax / step <= most:
                break
    n = -(-vmax // step)  # ceiling
    return [i * step for i in range(int(n) + 1)]


def _num(v: float) -> str:
    return f"{v:g}"


def _open(name: str, title: str, h: int) -> list[str]:
    """The opening of a chart: the <svg> element with its accessible title, and the visible title."""
    return [f'<svg class="chart" data-chart="{escape(name)}" role="img" viewBox="0 0 {W} {h}" width="{W}" '
            f'height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
            f'<text class="chart-title" x="10" y="{TITLE_Y}" font-size="15" font-weight="bold">{escape(title)}</text>']


def hbar(name: str, title: str, items, value_fmt=_fmt, axis_label: str = "") -> str:
    """Horizontal bars: ``items`` = [(label, value)], a category axis on the left and a value
    axis with round ticks and grid lines underneath."""
    items = list(items)
    label_cells = min(44, max([_cells(lab) for lab, _ in items] + [8]))
    lx = 16 + round(label_cells * CELL)
    bar_w = W - lx - 70  # room on the right for the largest value label
    row, top = 24, 34
    plot_h = row * max(1, len(items))
    vmax = max([v for _, v in items] + [0])
    tk = ticks(vmax)
    scale = bar_w / tk[-1]
    base = top + plot_h + 4  # the value axis
    h = base + 44
    out = _open(name, title, h)
    for t in tk:  # grid lines behind the bars, tick labels under the axis
        x = lx + t * scale
        out.append(f'<line class="grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{base}" stroke="{GRID}"/>'
                   f'<line class="axis" x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}" stroke="{AXIS}"/>'
                   f'<text class="axis" x="{x:.1f}" y="{base + 16}" font-size="11" text-anchor="middle" '
                   f'fill="#555">{_num(t)}</text>')
    out.append(f'<line class="axis" x1="{lx}" y1="{top}" x2="{lx}" y2="{base}" stroke="{AXIS}"/>'
               f'<line class="axis" x1="{lx}" y1="{base}" x2="{lx + bar_w}" y2="{base}" stroke="{AXIS}"/>')
    if axis_label:
        out.append(f'<text class="axis-label" x="{lx + bar_w / 2:.0f}" y="{base + 34}" font-size="12" '
                   f'text-anchor="middle" fill="#555">{escape(axis_label)}</text>')
    for i, (lab, v) in enumerate(items):
        y = top + i * row
        w = max(1, round(v * scale)) if v else 0
        out.append(f'<text x="{lx - 8}" y="{y + 16}" font-size="13" text-anchor="end">'
                   f'<title>{escape(lab)}</title>{escape(_clip(lab, label_cells))}</text>'
                   f'<rect class="bar" x="{lx + 1}" y="{y + 4}" width="{w}" height="{row - 8}" fill="{PALETTE[0]}"/>'
                   f'<text class="value" x="{lx + w + 6}" y="{y + 16}" font-size="12">{escape(value_fmt(v))}</text>')
    if not items:
        out.append(f'<text x="{lx + 8}" y="{top + 16}" font-size="13" fill="#666">（无数据）</text>')
    out.append("</svg>")
    return "".join(out)


def histogram(name: str, title: str, hist, x_label: str, y_label: str = "") -> str:
    """Vertical bars over bins: ``hist`` = [{"bin": label, "count": n}]; a count axis on the left
    (round ticks, grid lines, ``y_label`` above it) and the bins along the bottom (``x_label``)."""
    n = max(1, len(hist))
    top, left, right = 72, 60, 20  # top: the title and the y-axis name sit above the tallest bar's label
    plot_h = 170
    bw = (W - left - right) / n
    widest = max([_cells(str(b["bin"])) for b in hist] + [1]) * 6.6  # 12px labels
    two_rows = widest > bw - 6  # too wide for one row: every other bin label one row lower
    base = top + plot_h
    h = base + (60 if two_rows else 46)
    cmax = max([b["count"] for b in hist] + [0])
    tk = ticks(cmax, 4)
    scale = plot_h / tk[-1]
    out = _open(name, title, h)
    for t in tk:
        y = base - t * scale
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{W - right}" y2="{y:.1f}" stroke="{GRID}"/>'
                   f'<line class="axis" x1="{left - 4}" y1="{y:.1f}" x2="{left}" y2="{y:.1f}" stroke="{AXIS}"/>'
                   f'<text class="axis" x="{left - 8}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                   f'fill="#555">{_num(t)}</text>')
    out.append(f'<line class="axis" x1="{left}" y1="{top - 6}" x2="{left}" y2="{base}" stroke="{AXIS}"/>'
               f'<line class="axis" x1="{left}" y1="{base}" x2="{W - right}" y2="{base}" stroke="{AXIS}"/>')
    if y_label:
        out.append(f'<text class="axis-label" x="{left - 8}" y="{top - 22}" font-size="12" text-anchor="start" '
                   f'fill="#555">{escape(y_label)}</text>')
    for i, b in enumerate(hist):
        bh = round(b["count"] * scale)
        x = left + i * bw
        lab_y = base + (30 if two_rows and i % 2 else 16)
        out.append(f'<rect class="bar" x="{x + 4:.1f}" y="{base - bh}" width="{bw - 8:.1f}" height="{bh}" '
                   f'fill="{PALETTE[1]}"><title>{escape(b["bin"])}：{b["count"]}</title></rect>'
                   f'<text class="value" x="{x + bw / 2:.1f}" y="{base - bh - 5}" font-size="12" '
                   f'text-anchor="middle">{b["count"]}</text>'
                   f'<text class="axis" x="{x + bw / 2:.1f}" y="{lab_y}" font-size="12" '
                   f'text-anchor="middle">{escape(b["bin"])}</text>')
    out.append(f'<text class="axis-label" x="{left + (W - left - right) / 2:.0f}" y="{h - 6}" font-size="12" '
               f'text-anchor="middle" fill="#555">{escape(x_label)}</text></svg>')
    return "".join(out)


def stacked(name: str, title: str, rows, keys, key_names: dict) -> str:
    """One 100 % bar per row: ``rows`` = [(label, {key: count})]; a legend from ``key_names``
    (wrapped to the chart's width), each part's share written inside it where it fits (every
    part's count and share in its tooltip), and a 0–100 % axis with grid lines."""
    rows = list(rows)
    label_cells = min(30, max([_cells(lab) for lab, _ in rows] + [8]))
    lx = 16 + round(label_cells * CELL)
    bar_w = W - lx - 24
    row = 26
    legend, x, ly = [], 10.0, 32
    for i, k in enumerate(keys):
        nm = key_names.get(k, k)
        wide = 12 + 6 + _cells(nm) * 6.6 + 16
        if x + wide > W - 10 and x > 10:
            x, ly = 10.0, ly + 18
        legend.append(f'<rect x="{x:.0f}" y="{ly}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
                      f'<text x="{x + 18:.0f}" y="{ly + 11}" font-size="12">{escape(nm)}</text>')
        x += wide
    top = ly + 24
    base = top + row * max(1, len(rows)) + 2
    h = base + 40
    out = _open(name, title, h) + legend
    for t in range(0, 101, 25):
        gx = lx + bar_w * t / 100
        out.append(f'<line class="grid" x1="{gx:.1f}" y1="{top}" x2="{gx:.1f}" y2="{base}" stroke="{GRID}"/>'
                   f'<line class="axis" x1="{gx:.1f}" y1="{base}" x2="{gx:.1f}" y2="{base + 4}" stroke="{AXIS}"/>'
                   f'<text class="axis" x="{gx:.1f}" y="{base + 16}" font-size="11" text-anchor="middle" '
                   f'fill="#555">{t}%</text>')
    out.append(f'<line class="axis" x1="{lx}" y1="{base}" x2="{lx + bar_w}" y2="{base}" stroke="{AXIS}"/>'
               f'<text class="axis-label" x="{lx + bar_w / 2:.0f}" y="{base + 34}" font-size="12" '
               f'text-anchor="middle" fill="#555">占比</text>')
    for j, (lab, counts) in enumerate(rows):
        y = top + j * row
        total = sum(counts.values()) or 1
        out.append(f'<text x="{lx - 8}" y="{y + 17}" font-size="13" text-anchor="end">'
                   f'<title>{escape(lab)}</title>{escape(_clip(lab, label_cells))}</text>')
        cx = float(lx)
        for i, k in enumerate(keys):
            v = counts.get(k, 0)
            if not v:
                continue
            w = bar_w * v / total
            fill = PALETTE[i % len(PALETTE)]
            share = f"{v / total:.0%}"
            out.append(f'<rect class="bar" x="{cx:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                       f'fill="{fill}"><title>{escape(lab)} · {escape(key_names.get(k, k))}：{v} 段'
                       f'（{share}）</title></rect>')
            if w >= len(share) * 6.6 + 8:  # the share inside the part, where it fits
                out.append(f'<text class="inside" x="{cx + w / 2:.1f}" y="{y + 17}" font-size="11" '
                           f'text-anchor="middle" fill="{"#222" if fill in LIGHT else "#fff"}">{share}</text>')
            cx += w
    out.append("</svg>")
    return "".join(out)
