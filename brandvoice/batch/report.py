"""The audit's summary (JSON) and its report: one self-contained HTML page with charts drawn
as inline SVG, so it opens anywhere, offline, with no scripts. All text from replies is
escaped: customer and agent text is data."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

__all__ = ["render_html", "summary"]

def _rows(table: dict[str, list[int]]) -> list[dict[str, Any]]:
    return [{"name": k, "replies": n, "average_score": round(s / n, 1),
             "findings_per_reply": round(f / n, 2)} for k, (n, s, f) in table.items() if n]


def _ranked(counts: Any) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def summary(agg: Any, opts: Any) -> dict[str, Any]:
    n = max(agg.replies, 1)
    days = sorted(agg.days)
    return {
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "input": str(opts.input), "voice": opts.voice or "builtin:default",
        "replies": agg.replies, "passed": agg.passed,
        "pass_rate": round(agg.passed / n, 4),
        "average_score": round(agg.score_sum / n, 2),
        "findings": agg.findings, "findings_per_reply": round(agg.findings / n, 3),
        # Ties are ordered by name: chunks finish in any order, the summary must not vary.
        "by_category": dict(_ranked(agg.by_category)),
        "by_rule": [{"rule": r, "count": c} for r, c in _ranked(agg.by_rule)],
        "score_histogram": [{"bin": "100" if b == 10 else f"{b * 10}-{b * 10 + 9}",
                             "count": agg.histogram.get(b, 0)} for b in range(11)],
        "channels": sorted(_rows(agg.channels), key=lambda r: (-r["replies"], r["name"])),
        "agents": sorted(_rows(agg.agents), key=lambda r: (-r["replies"], r["name"])),
        "over_time": [{"day": d, **{k: v for k, v in _rows({d: agg.days[d]})[0].items()
                                    if k != "name"},
                       "by_category": dict(agg.day_categories.get(d, {}))} for d in days],
        "worst": [{"id": w[1], "score": -w[0], "text": w[2], "rules": w[3]}
                  for w in sorted(agg.worst, reverse=True)],
    }


# SVG charts -----------------------------------------------------------------------------------


def bar_chart(items: list[tuple[str, float]], title: str, colour: str = "#1d4ed8",
              fmt: str = "{:,.0f}", width: int = 760) -> str:
    if not items:
        return f"<p class='empty'>{escape(title)}: nothing to show.</p>"
    row, label_w = 22, 250
    height = row * len(items) + 30
    top = max(v for _l, v in items) or 1
    bars = []
    for i, (label, value) in enumerate(items):
        y = 20 + i * row
        w = (width - label_w - 80) * value / top
        bars.append(
            f"<text x='{label_w - 8}' y='{y + 14}' text-anchor='end'>{escape(label)}</text>"
            f"<rect x='{label_w}' y='{y + 2}' width='{w:.1f}' height='{row - 6}' "
            f"fill='{colour}'><title>{escape(label)}: {fmt.format(value)}</title></rect>"
            f"<text x='{label_w + w + 6:.1f}' y='{y + 14}'>{fmt.format(value)}</text>")
    return (f"<figure><figcaption>{escape(title)}</figcaption><svg role='img' "
            f"aria-label='{escape(title)}' viewBox='0 0 {width} {height}' width='{width}' "
            f"height='{height}'>{''.join(bars)}</svg></figure>")


def line_chart(points: list[tuple[str, float]], title: str, y_label: str,
               width: int = 760, height: int = 260) -> str:
    if len(points) < 2:
        return (f"<p class='empty'>{escape(title)}: needs replies on at least two days "
                "(give a timestamp column).</p>")
    left, right, top, bottom = 50, 45, 20, 40
    lo = min(v for _d, v in points)
    hi = max(v for _d, v in points)
    lo, hi = (lo - 1, hi + 1) if lo == hi else (lo, hi)
    xs = [left + (width - left - right) * i / (len(points) - 1) for i in range(len(points))]
    ys = [top + (height - top - bottom) * (1 - (v - lo) / (hi - lo)) for _d, v in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    dots = "".join(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='#1d4ed8'><title>"
                   f"{escape(d)}: {v:.1f}</title></circle>"
                   for x, y, (d, v) in zip(xs, ys, points, strict=True))
    step = max(1, len(points) // 8)
    ticks = "".join(f"<text x='{xs[i]:.1f}' y='{height - 15}' text-anchor='middle'>"
                    f"{escape(points[i][0])}</text>" for i in range(0, len(points), step))
    fmt = "{:.2f}" if hi - lo < 10 else "{:.0f}"
    axis = (f"<text x='5' y='{top + 10}'>{fmt.format(hi)}</text>"
            f"<text x='5' y='{height - bottom}'>{fmt.format(lo)}</text>"
            f"<text x='5' y='{height - 2}'>{escape(y_label)}</text>")
    return (f"<figure><figcaption>{escape(title)}</figcaption><svg role='img' "
            f"aria-label='{escape(title)}' viewBox='0 0 {width} {height}' width='{width}' "
            f"height='{height}'><polyline points='{path}' fill='none' stroke='#1d4ed8' "
            f"stroke-width='2'/>{dots}{ticks}{axis}</svg></figure>")


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], limit: int = 25) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for _k, label in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(r.get(k, '')))}</td>"
                                    for k, _l in columns) + "</tr>" for r in rows[:limit])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(s: dict[str, Any]) -> str:
    cards = [("replies", f"{s['replies']:,}"), ("passed", f"{s['pass_rate']:.1%}"),
             ("average score", f"{s['average_score']:.1f}"),
             ("findings per reply", f"{s['findings_per_reply']:.2f}")]
    stats = "".join(f"<div class='card'><div class='v'>{escape(v)}</div>"
                    f"<div class='k'>{escape(k)}</div></div>" for k, v in cards)
    cat = s["by_category"]
    sections = [
        "<h2>Over time</h2>",
        line_chart([(d["day"], d["average_score"]) for d in s["over_time"]],
                   "Average score per day", "score"),
        line_chart([(d["day"], d["findings_per_reply"]) for d in s["over_time"]],
                   "Findings per reply, per day", "findings"),
        "<h2>What was found</h2>",
        bar_chart([(k, v) for k, v in cat.items()], "Findings by category"),
        bar_chart([(r["rule"], r["count"]) for r in s["by_rule"][:20]], "Top rules", "#c2410c"),
        bar_chart([(h["bin"], h["count"]) for h in s["score_histogram"]],
                  "Score distribution (replies per score band)", "#047857"),
        "<h2>By channel</h2>",
        bar_chart([(c["name"], c["average_score"]) for c in s["channels"]],
                  "Average score per channel", "#0f766e", "{:.1f}"),
        _table(s["channels"], [("name", "channel"), ("replies", "replies"),
                               ("average_score", "average score"),
                               ("findings_per_reply", "findings per reply")]),
        "<h2>By agent or sign-off</h2>",
        _table(s["agents"], [("name", "agent"), ("replies", "replies"),
                             ("average_score", "average score"),
                             ("findings_per_reply", "findings per reply")])
        if s["agents"] else "<p class='empty'>No agent column in the input.</p>",
        "<h2>The worst replies</h2>",
        _table([{**w, "rules": ", ".join(w["rules"])} for w in s["worst"]],
               [("score", "score"), ("id", "id"), ("rules", "rules"), ("text", "reply")]),
    ]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>brandvoice audit: {escape(s['input'])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       color: #1f2937; padding: 0 1rem; }}
h1 {{ font-size: 1.6rem; }} h2 {{ margin-top: 2.5rem; border-bottom: 1px solid #e5e7eb; }}
.cards {{ display: flex; gap: 1rem; flex-wrap: wrap; }}
.card {{ border: 1px solid #e5e7eb; border-radius: 8px; padding: .8rem 1.2rem; }}
.card .v {{ font-size: 1.6rem; font-weight: 600; }} .card .k {{ color: #6b7280; }}
figure {{ margin: 1.5rem 0; }} figcaption {{ font-weight: 600; margin-bottom: .4rem; }}
svg text {{ font: 12px system-ui, sans-serif; fill: #374151; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; }}
th, td {{ text-align: left; border-bottom: 1px solid #e5e7eb; padding: .3rem .5rem;
         vertical-align: top; }}
.empty {{ color: #6b7280; font-style: italic; }}
</style></head><body>
<h1>brandvoice audit</h1>
<p>{escape(s['input'])} against {escape(s['voice'])}, generated {escape(s['generated'])}.</p>
<div class="cards">{stats}</div>
{''.join(sections)}
</body></html>
"""
