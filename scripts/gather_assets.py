"""Copy the front-end files the pages use from node_modules into static/vendor/.

The NL Design System component CSS named in package.json is concatenated into
one file (each keeps its licence header); htmx is copied as it is. Run by
`make assets` after `npm ci`; static/vendor/ is not committed.
"""

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"


def component_css_packages() -> list[str]:
    dependencies = json.loads((ROOT / "package.json").read_text())["dependencies"]
    return sorted(name for name in dependencies if name.endswith("-css"))


def gather_component_css() -> None:
    parts = []
    for package in component_css_packages():
        css = (NODE_MODULES / package / "dist" / "index.css").read_text()
        parts.append(f"/* {package} */\n{css}")
    (VENDOR / "nl-design-system.css").write_text("\n".join(parts))


def gather_htmx() -> None:
    shutil.copyfile(
        NODE_MODULES / "htmx.org" / "dist" / "htmx.min.js", VENDOR / "htmx.min.js"
    )
    shutil.copyfile(NODE_MODULES / "htmx.org" / "LICENSE", VENDOR / "htmx.LICENSE")


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    gather_component_css()
    gather_htmx()
    print(f"Gathered front-end files into {VENDOR.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
