"""The stylesheet is one file that several features add to; a rule left
unclosed silently switches off every rule after it (it happened twice)."""

import re
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "hub.css"


def _open_blocks() -> list[str]:
    """Walks the stylesheet and fails where a block opens inside a plain rule
    (only at-rules such as @media hold rules) or closes when none is open;
    returns what is still open at the end."""
    text = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(), flags=re.S)
    blocks: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for token in re.findall(r"[{}]", line):
            if token == "{":
                assert not blocks or blocks[-1] == "at-rule", (
                    f"hub.css line {number}: a rule opens inside an unclosed rule"
                )
                blocks.append("at-rule" if line.lstrip().startswith("@") else "rule")
            else:
                assert blocks, f"hub.css line {number}: closes a rule never opened"
                blocks.pop()
    return blocks


def test_every_rule_is_closed_before_the_next_begins():
    assert _open_blocks() == []
