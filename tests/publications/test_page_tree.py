import pytest
from wagtail.models import Page

from hub.models import HomePage, StandardPage
from publications.models import (
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    LetterPage,
    MagazineIssuePage,
    MagazinePage,
    ManualPage,
    ReportPage,
    ThemeIndexPage,
    ThemePage,
)

pytestmark = pytest.mark.django_db

ALLOWED = [
    (ThemeIndexPage, HomePage),
    (ThemePage, ThemeIndexPage),
    (ArticleIndexPage, HomePage),
    (ArticlePage, ArticleIndexPage),
    (EventIndexPage, HomePage),
    (EventPage, EventIndexPage),
    (ReportPage, HomePage),
    (ReportPage, StandardPage),
    (ManualPage, HomePage),
    (LetterPage, ManualPage),
    (MagazinePage, StandardPage),
    (MagazineIssuePage, MagazinePage),
    (ArticlePage, MagazineIssuePage),
]
REFUSED = [
    (ThemePage, HomePage),
    (ArticlePage, HomePage),
    (ArticlePage, EventIndexPage),
    (EventPage, ArticleIndexPage),
    (ArticleIndexPage, StandardPage),
    (ReportPage, ArticleIndexPage),
    (ArticleIndexPage, Page),
    (LetterPage, HomePage),
    (MagazineIssuePage, HomePage),
    (ManualPage, StandardPage),
]


@pytest.mark.parametrize(("child", "parent"), ALLOWED)
def test_page_type_lives_under_its_parent(child, parent):
    assert child.can_exist_under(parent())


@pytest.mark.parametrize(("child", "parent"), REFUSED)
def test_page_type_is_refused_elsewhere(child, parent):
    assert not child.can_exist_under(parent())


@pytest.mark.parametrize(
    "index", [ThemeIndexPage, ArticleIndexPage, EventIndexPage, ManualPage]
)
def test_each_home_page_has_one_index_of_each_kind(demo_site, index):
    assert not index.can_create_at(demo_site)
