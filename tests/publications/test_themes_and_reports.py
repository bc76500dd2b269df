import pytest

from publications.models import ReportPage

pytestmark = pytest.mark.django_db


def test_theme_page_gathers_its_articles_and_events_in_its_language(client, demo_site):
    response = client.get("/nl/themas/mobility/")
    titles = {article.title for article in response.context["articles"]}
    assert "Deelmobiliteit kan over een paar jaar de standaard zijn" in titles
    assert all(
        article.locale.language_code == "nl" for article in response.context["articles"]
    )


def test_theme_index_lists_every_theme(client, demo_site):
    response = client.get("/en/themes/")
    assert len(response.context["theme_pages"]) == 6


def test_report_offers_its_document_with_type_and_size(client, demo_site):
    report = ReportPage.objects.get(slug="100-climate-neutral-cities")
    response = client.get(report.url)
    assert f'href="{report.document.url}"' in response.text
    assert "Download the report (PDF," in response.text


def test_report_document_is_a_real_pdf(demo_site):
    report = ReportPage.objects.get(slug="100-climate-neutral-cities")
    with report.document.file.open("rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-1.4")
    assert content.rstrip().endswith(b"%%EOF")


def test_theme_page_needs_a_fixed_number_of_queries(
    client, demo_site, django_assert_max_num_queries
):
    client.get("/en/themes/mobility/")
    with django_assert_max_num_queries(33):
        client.get("/en/themes/mobility/")
