"""Coordinates for the cohort report's SVG charts."""

from .report import ModuleTotal, Point

CHART_WIDTH, CHART_HEIGHT, PAD = 640, 220, 40


def line_chart(points: list[Point]) -> dict:
    """Coordinates for the progress-over-time SVG: percent of all learner-modules
    completed, 0–100 on the y axis, time on the x axis."""
    inner_w, inner_h = CHART_WIDTH - 2 * PAD, CHART_HEIGHT - 2 * PAD
    count = len(points)
    coords = []
    for i, point in enumerate(points):
        x = PAD + (inner_w * i / (count - 1) if count > 1 else inner_w / 2)
        y = PAD + inner_h * (1 - point.percent / 100)
        coords.append((round(x, 1), round(y, 1)))
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "pad": PAD,
        "bottom": CHART_HEIGHT - PAD,
        "right": CHART_WIDTH - PAD,
        "middle": PAD + inner_h / 2,
        "polyline": " ".join(f"{x},{y}" for x, y in coords),
        "dots": coords,
        "first": points[0].day if points else None,
        "last": points[-1].day if points else None,
    }


def bar_chart(totals: list[ModuleTotal]) -> dict:
    """Bars for the per-module completion chart: one horizontal bar per module, as the
    percentage of shown learners who completed it."""
    bar, gap, label_w, bar_w = 22, 8, 220, 360
    bars = []
    for i, total in enumerate(totals):
        y = i * (bar + gap)
        bars.append(
            {
                "total": total,
                "y": y,
                "text_y": y + bar * 0.7,
                "width": round(bar_w * total.percent / 100, 1),
            }
        )
    return {
        "bars": bars,
        "label_width": label_w,
        "bar_width": bar_w,
        "bar_height": bar,
        "value_x": label_w + bar_w + 8,
        "width": label_w + bar_w + 60,
        "height": max(1, len(totals) * (bar + gap)),
    }
