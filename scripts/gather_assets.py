"""Copy the front-end files the pages use from node_modules into static/vendor/.

The NL Design System component CSS named in package.json is concatenated into
one file (each keeps its licence header); htmx and Leaflet (the initiatives'
map) are copied as they are. Run by
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


def gather_leaflet() -> None:
    """Leaflet's script, its style sheet and the images the style sheet names
    (collectstatic's manifest storage fails on a missing one)."""
    source, target = NODE_MODULES / "leaflet", VENDOR / "leaflet"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(source / "dist" / name, target / name)
    shutil.copytree(source / "dist" / "images", target / "images")
    shutil.copyfile(source / "LICENSE", target / "LICENSE")


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    gather_component_css()
    gather_htmx()
    gather_leaflet()
    print(f"Gathered front-end files into {VENDOR.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
