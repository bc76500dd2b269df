from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.models import Theme
from publications import feeds, podcast, selectors, services
from publications.forms import ArticleFilterForm, CommentFlagForm, CommentForm
from publications.models import ArticleComment, ArticlePage, CommentStatus

PAGE_SIZE = 10


def article_list(request, *, index_page):
    articles = selectors.live_articles(locale=index_page.locale).child_of(index_page)
    form = ArticleFilterForm(
        request.GET,
        themes=Theme.objects.filter(locale=index_page.locale),
        years=[day.year for day in articles.dates("date", "year", order="DESC")],
    )
    if form.is_valid():
        articles = _filtered(articles, form.cleaned_data, index_page.locale)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        index_page.template,
        {
            **index_page.get_context(request),
            "form": form,
            "articles": page,
            "query_without_page": _query_without_page(request),
        },
    )


def _filtered(articles, filters, locale):
    if filters["theme"]:
        theme = Theme.objects.filter(slug=filters["theme"], locale=locale).first()
        if theme:
            articles = articles.filter(themes__translation_key=theme.translation_key)
    if filters["tag"]:
        articles = articles.filter(tags__name__iexact=filters["tag"])
    if filters["year"]:
        articles = articles.filter(date__year=filters["year"])
    return articles.distinct()


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def article_feed(request, *, index_page):
    articles = selectors.live_articles(locale=index_page.locale).child_of(index_page)
    body = feeds.news_feed(
        title=_("%(title)s – Smart Cities Hub") % {"title": index_page.title},
        link=index_page.get_full_url(request),
        description=index_page.intro,
        language=index_page.locale.language_code,
        articles=articles[:30],
        request=request,
    )
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")


def event_list(request, *, index_page):
    upcoming = selectors.upcoming_events(locale=index_page.locale).child_of(index_page)
    past = selectors.past_events(locale=index_page.locale).child_of(index_page)
    return TemplateResponse(
        request,
        index_page.template,
        {
            **index_page.get_context(request),
            "upcoming": Paginator(upcoming, PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "past": Paginator(past, PAGE_SIZE).get_page(request.GET.get("past")),
        },
    )


def event_calendar(request, *, index_page):
    events = selectors.upcoming_events(locale=index_page.locale).child_of(index_page)
    return _calendar_response(
        feeds.calendar(name=index_page.title, events=events, request=request),
        filename="smart-cities-hub-events.ics",
    )


def event_ics(request, *, event):
    return _calendar_response(
        feeds.calendar(name=event.title, events=[event], request=request),
        filename=f"{event.slug}.ics",
    )


def _calendar_response(body: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def podcast_feed(request, *, manual):
    body = podcast.podcast_feed(
        manual=manual,
        episodes=selectors.podcast_episodes(manual=manual),
        request=request,
    )
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")


def letter_transcript(request, *, letter):
    if not letter.transcript:
        raise Http404(_("This letter has no transcript."))
    return HttpResponse(letter.transcript, content_type="text/plain; charset=utf-8")


@require_POST
def comment_post(request, article_id):
    article = get_object_or_404(ArticlePage.objects.live(), pk=article_id)
    article_url = article.get_url(request)
    if not request.user.is_authenticated:
        # Back to the article after logging in: this address only takes POSTs.
        return redirect_to_login(f"{article_url}#comments")
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_post(
                article=article, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _comment_posted_message(comment))
            return redirect(f"{article_url}#comment-{comment.pk}")
    # Show the article again with the errors and the text as typed.
    return TemplateResponse(
        request,
        article.get_template(request),
        {**article.get_context(request), "comment_form": form},
    )


def _comment_posted_message(comment: ArticleComment) -> str:
    if comment.status == CommentStatus.PUBLISHED:
        return _("Your comment has been published.")
    return _("Thank you. Your comment will appear once a moderator has approved it.")


@require_POST
def comment_flag(request, comment_id):
    comment = get_object_or_404(
        ArticleComment.objects.select_related("article"),
        pk=comment_id,
        status=CommentStatus.PUBLISHED,
    )
    if request.session.session_key is None:
        # Anonymous visitors are told apart by their session: give them one.
        request.session.save()
    form = CommentFlagForm(request.POST)
    services.comment_flag(
        comment=comment,
        user=request.user,
        session_key=request.session.session_key,
        reason=form.cleaned_data["reason"] if form.is_valid() else "",
    )
    messages.success(request, _("Thank you. A moderator will look at this comment."))
    return redirect(f"{comment.article.get_url(request)}#comment-{comment.pk}")
