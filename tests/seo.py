"""Reads what a page tells search engines and link previews, as they would: its
link and meta elements and its JSON-LD."""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageHead:
    links: list[dict] = field(default_factory=list)
    metas: list[dict] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)

    @property
    def canonical(self) -> str | None:
        return next(
            (link["href"] for link in self.links if link["rel"] == "canonical"), None
        )

    @property
    def hreflang(self) -> dict[str, str]:
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link["rel"] == "alternate" and "hreflang" in link
        }

    def open_graph(self, name: str) -> list[str]:
        return [meta["content"] for meta in self.metas if meta.get("property") == name]

    def structured_data(self, schema_type: str) -> dict:
        """The one JSON-LD description of this schema.org type."""
        (description,) = (d for d in self.json_ld if d["@type"] == schema_type)
        return description


class _HeadReader(HTMLParser):
    # The parser reads a script element's text up to the first "</script", as a
    # browser does: JSON that failed to escape it would not parse.

    def __init__(self):
        super().__init__()
        self.head = PageHead()
        self._json_ld_text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link":
            self.head.links.append(attributes)
        elif tag == "meta":
            self.head.metas.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._json_ld_text = []

    def handle_data(self, data):
        if self._json_ld_text is not None:
            self._json_ld_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json_ld_text is not None:
            self.head.json_ld.append(json.loads("".join(self._json_ld_text)))
            self._json_ld_text = None


def read_head(response) -> PageHead:
    reader = _HeadReader()
    reader.feed(response.content.decode())
    reader.close()
    return reader.head
