"""Horizontal bar charts drawn on the server as SVG
(``templates/components/bar_chart.html``): no script, no inline style, and
each bar named in text with its number beside it, so that no meaning rests
on colour alone. The same numbers go in a table next to the chart."""

from dataclasses import dataclass, field

WIDTH = 640
ROW_HEIGHT = 46
LABEL_BASELINE = 16  # the label above its bar
BAR_OFFSET = 22
BAR_HEIGHT = 18
# Room to the right of the longest bar for its number.
NUMBER_ROOM = 64
DEFAULT_COLOUR = "#0b4f6c"  # --hub-colour-primary


@dataclass
class Bar:
    label: str
    count: int
    colour: str = DEFAULT_COLOUR
    # Where the template draws it, set by ``bar_chart``.
    label_y: int = 0
    bar_y: int = 0
    width: float = 0
    number_x: float = 0
    number_y: int = 0


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    # The table's column headings.
    label_heading: str = ""
    count_heading: str = ""

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def bar_chart(chart: BarChart) -> BarChart:
    """``chart`` with each bar laid out: as long as its share of the
    largest count, a row each."""
    largest = max((bar.count for bar in chart.bars), default=0) or 1
    room = chart.width - NUMBER_ROOM
    for row, bar in enumerate(chart.bars):
        top = row * ROW_HEIGHT
        bar.label_y = top + LABEL_BASELINE
        bar.bar_y = top + BAR_OFFSET
        # A count of one is still seen as a bar.
        bar.width = round(max(room * bar.count / largest, 2), 1)
        bar.number_x = bar.width + 8
        bar.number_y = bar.bar_y + BAR_HEIGHT - 4
    chart.height = len(chart.bars) * ROW_HEIGHT + 4
    return chart


def top_with_other(rows: list[tuple[str, int]], *, keep: int, other: str):
    """The first ``keep`` (label, count) rows, and the rest added up as
    ``other``."""
    if len(rows) <= keep:
        return rows
    rest = sum(count for _label, count in rows[keep:])
    return [*rows[:keep], (other, rest)]
