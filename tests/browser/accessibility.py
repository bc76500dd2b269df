from axe_playwright_python.sync_playwright import Axe

WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def assert_no_axe_violations(page, *, context: str | None = None) -> None:
    """Run axe-core on the page as it is now, or only on the elements the CSS
    selector ``context`` matches; fail with axe's own report."""
    results = _axe.run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_21_A_AA}},
    )
    assert results.violations_count == 0, (
        f"{page.url} has accessibility violations:\n{results.generate_report()}"
    )
