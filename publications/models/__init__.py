# The publication page types, re-exported so that code and migrations can say
# ``publications.models.ArticlePage`` whatever module a model lives in.
from publications.models.comments import (
    ArticleComment,
    CommentFlag,
    CommentStatus,
)
from publications.models.events import EventIndexPage, EventPage
from publications.models.experts import (
    EnquiryDelivery,
    ExpertFormField,
    ExpertIndexPage,
    ExpertPage,
)
from publications.models.involvement import ArticleInitiative, ArticleOrganisation
from publications.models.magazine import MagazineIssuePage, MagazinePage
from publications.models.manual import LetterPage, ManualPage
from publications.models.news import ArticleIndexPage, ArticlePage, ArticleTag
from publications.models.reports import ReportPage
from publications.models.themes import ThemeIndexPage, ThemePage

__all__ = [
    "ArticleComment",
    "ArticleIndexPage",
    "ArticleInitiative",
    "ArticleOrganisation",
    "ArticlePage",
    "ArticleTag",
    "CommentFlag",
    "CommentStatus",
    "EnquiryDelivery",
    "EventIndexPage",
    "EventPage",
    "ExpertFormField",
    "ExpertIndexPage",
    "ExpertPage",
    "LetterPage",
    "MagazineIssuePage",
    "MagazinePage",
    "ManualPage",
    "ReportPage",
    "ThemeIndexPage",
    "ThemePage",
]
