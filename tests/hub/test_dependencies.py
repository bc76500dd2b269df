import ast
from pathlib import Path

HUB = Path(__file__).resolve().parents[2] / "hub"
DOMAIN_APPS = {"partners", "projects", "publications"}


def _imported_packages(path: Path) -> set[str]:
    packages = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            packages |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            packages.add(node.module.partition(".")[0])
    return packages


# The project's URLconf is where the apps are put together: it must name them.
COMPOSITION_ROOT = {"urls.py"}


def test_site_core_imports_no_domain_app():
    """Domain apps plug into the core (demo loaders, personal data), never
    the other way round."""
    offenders = {
        str(path.relative_to(HUB)): sorted(_imported_packages(path) & DOMAIN_APPS)
        for path in HUB.rglob("*.py")
        if _imported_packages(path) & DOMAIN_APPS
        and str(path.relative_to(HUB)) not in COMPOSITION_ROOT
    }
    assert offenders == {}
