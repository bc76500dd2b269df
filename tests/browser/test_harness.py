from tests.browser.conftest import OutsideRequests


def test_requests_to_other_hosts_are_blocked_and_recorded(browser):
    context = browser.new_context()
    outside = OutsideRequests()
    context.route("**/*", outside.route)
    page = context.new_page()
    page.set_content('<img src="https://tile.openstreetmap.org/1/1/1.png" alt="">')
    page.wait_for_load_state("networkidle")
    context.close()
    assert outside == ["https://tile.openstreetmap.org/1/1/1.png"]
