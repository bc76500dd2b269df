import pytest

from publications.models import MagazineIssuePage

pytestmark = pytest.mark.django_db


def test_magazine_lists_its_issues(client, demo_site):
    response = client.get("/en/publications/magazine/")
    assert [issue.title for issue in response.context["issues"]] == [
        "Cocreating Future Cities"
    ]
    assert "Volume 1" in response.text


def test_issue_offers_its_pdf_with_type_and_size(client, demo_site):
    issue = MagazineIssuePage.objects.get(locale=demo_site.locale)
    response = client.get(issue.url)
    assert f'href="{issue.pdf.url}"' in response.text
    assert "Download this issue (PDF," in response.text


def test_issue_shows_its_cover_with_an_alternative_text(client, demo_site):
    issue = MagazineIssuePage.objects.get(locale=demo_site.locale)
    html = client.get(issue.url).text
    assert 'class="hub-cover"' in html
    assert f'alt="{issue.cover_image.title}"' in html


def test_magazine_page_needs_a_fixed_number_of_queries(
    client, demo_site, django_assert_max_num_queries
):
    client.get("/en/publications/magazine/")
    with django_assert_max_num_queries(30):
        client.get("/en/publications/magazine/")


def test_queries_do_not_grow_with_the_number_of_issues(
    client, demo_site, django_assert_max_num_queries
):
    issue = MagazineIssuePage.objects.get(locale=demo_site.locale)
    for volume in range(2, 8):
        issue.copy(
            update_attrs={"slug": f"volume-{volume}", "volume": volume},
            keep_live=True,
        )
    client.get("/en/publications/magazine/")
    with django_assert_max_num_queries(25):  # 25 with one issue too
        response = client.get("/en/publications/magazine/")
    assert len(response.context["issues"]) == 7
