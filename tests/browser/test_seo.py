import json

from playwright.sync_api import expect

ARTICLE = "/en/news/shared-mobility-the-norm/"
# Set before the page's own scripts run; a listener the policy cannot block.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) =>
    window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`)
);
"""


def test_json_ld_on_an_article_page_passes_the_content_security_policy(page):
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(ARTICLE)
    scripts = page.locator('script[type="application/ld+json"]')
    expect(scripts).to_have_count(2)
    assert json.loads(scripts.first.text_content())["@type"] == "NewsArticle"
    assert page.evaluate("window.cspViolations") == []
