import pytest
from django.contrib.auth.models import Group

from hub.factories import UserFactory
from publications import services
from publications.models import ArticleComment, ArticlePage, CommentFlag, CommentStatus

pytestmark = pytest.mark.django_db
SLUG = "shared-mobility-the-norm"
URL = f"/en/news/{SLUG}/"


@pytest.fixture
def article(demo_site):
    return ArticlePage.objects.get(slug=SLUG)


@pytest.fixture
def reader(client):
    user = UserFactory(verified=True, email="ria.reader@example.org")
    client.force_login(user)
    return user


def _post_url(article) -> str:
    return f"/en/comments/{article.pk}/"


def _flag_url(comment) -> str:
    return f"/en/comments/{comment.pk}/flag/"


def _published(article, *, body="A published comment.", author=None):
    return ArticleComment.objects.create(
        article=article,
        author=author or UserFactory(verified=True),
        body=body,
        status=CommentStatus.PUBLISHED,
    )


def test_first_comment_waits_for_a_moderator(client, article, reader):
    response = client.post(_post_url(article), {"body": "Bike sharing works."})
    assert response.status_code == 302
    assert response["Location"].startswith(URL)
    comment = ArticleComment.objects.get()
    assert comment.status == CommentStatus.PENDING
    page = client.get(URL).text
    assert "will appear once a moderator has approved it" in page
    assert "Bike sharing works." in page
    assert "Awaiting moderation" in page


def test_pending_comment_is_not_shown_to_others(client, article, reader):
    services.comment_post(article=article, author=reader, body="Only mine so far.")
    client.logout()
    assert "Only mine so far." not in client.get(URL).text


def test_trusted_reader_is_published_at_once(client, article, reader):
    _published(article, author=reader)
    client.post(_post_url(article), {"body": "Straight onto the page."})
    comment = ArticleComment.objects.get(body="Straight onto the page.")
    assert comment.status == CommentStatus.PUBLISHED
    assert "Your comment has been published." in client.get(URL).text


def test_sixth_comment_in_ten_minutes_is_refused(client, article, reader):
    for number in range(5):
        services.comment_post(article=article, author=reader, body=f"Note {number}")
    response = client.post(_post_url(article), {"body": "One too many."})
    assert response.status_code == 200
    assert "Please wait a few minutes before posting another." in response.text
    assert ArticleComment.objects.count() == 5


def test_filled_honeypot_is_refused_and_nothing_stored(client, article, reader):
    response = client.post(
        _post_url(article),
        {"body": "Cheap pills", "website": "https://spam.example"},
    )
    assert response.status_code == 200
    assert "Your comment could not be posted." in response.text
    assert not ArticleComment.objects.exists()


def test_honeypot_is_hidden_from_people(client, article, reader):
    html = client.get(URL).text
    assert "Leave this field empty" in html
    assert 'tabindex="-1"' in html
    assert 'autocomplete="off"' in html


def test_posting_needs_a_login(client, article):
    response = client.post(_post_url(article), {"body": "Anonymous words."})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/en/accounts/login/?next={URL}%23comments")
    assert not ArticleComment.objects.exists()
    assert "Log in to comment" in client.get(URL).text


def test_invalid_comment_explains_and_keeps_the_text(client, article, reader):
    response = client.post(_post_url(article), {"body": "x" * 2001})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "x" * 2001 in response.text
    assert not ArticleComment.objects.exists()


def test_comment_form_only_takes_posts(client, article, reader):
    assert client.get(_post_url(article)).status_code == 405


def test_anonymous_visitor_flags_a_comment_once(client, article):
    comment = _published(article)
    first = client.post(_flag_url(comment))
    client.post(_flag_url(comment))
    assert first.status_code == 302
    flag = CommentFlag.objects.get()
    assert flag.flagged_by is None
    assert flag.session_key
    assert "A moderator will look at this comment." in client.get(URL).text


def test_signed_in_visitor_flags_a_comment_once(client, article, reader):
    comment = _published(article)
    client.post(_flag_url(comment), {"reason": "Off topic"})
    client.post(_flag_url(comment))
    flag = CommentFlag.objects.get()
    assert flag.flagged_by == reader
    assert flag.reason == "Off topic"


def test_two_visitors_flag_the_same_comment(client, article):
    comment = _published(article)
    client.post(_flag_url(comment))
    client.logout()
    client.cookies.clear()
    client.post(_flag_url(comment))
    assert comment.flags.count() == 2


def _moderator(client):
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


def _edit_url(comment) -> str:
    return f"/admin/snippets/publications/articlecomment/edit/{comment.pk}/"


def test_moderator_approves_a_comment_and_it_appears(client, article):
    comment = services.comment_post(
        article=article, author=UserFactory(verified=True), body="Worth reading."
    )
    moderator = _moderator(client)
    response = client.post(_edit_url(comment), {"status": CommentStatus.PUBLISHED})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.moderated_by == moderator
    assert comment.moderated_at is not None
    client.logout()
    assert "Worth reading." in client.get(URL).text


def test_moderator_hides_a_comment_and_it_disappears(client, article):
    comment = _published(article, body="Rude remark.")
    _moderator(client)
    client.post(_edit_url(comment), {"status": CommentStatus.HIDDEN})
    client.logout()
    assert "Rude remark." not in client.get(URL).text


def test_moderator_deletes_a_comment(client, article):
    comment = _published(article)
    _moderator(client)
    url = f"/admin/snippets/publications/articlecomment/delete/{comment.pk}/"
    assert client.post(url).status_code == 302
    assert not ArticleComment.objects.exists()


def test_moderator_sees_flagged_comments_in_the_admin(client, article):
    flagged = _published(article, body="Flag me.")
    _published(article, body="Leave me be.")
    services.comment_flag(comment=flagged, session_key="a" * 32)
    _moderator(client)
    response = client.get(
        "/admin/snippets/publications/articlecomment/", {"flagged": "true"}
    )
    assert response.status_code == 200
    assert "Flag me." in response.text
    assert "Leave me be." not in response.text


def test_moderator_sees_pending_comments_in_the_admin(client, article):
    services.comment_post(
        article=article, author=UserFactory(verified=True), body="New here."
    )
    _published(article, body="Old news.")
    _moderator(client)
    response = client.get(
        "/admin/snippets/publications/articlecomment/",
        {"status": CommentStatus.PENDING},
    )
    assert "New here." in response.text
    assert "Old news." not in response.text


def test_moderator_sorts_comments_by_number_of_flags(client, article):
    flagged = _published(article, body="Flagged twice.")
    quiet = _published(article, body="Nobody minds.")  # newer: first by default
    services.comment_flag(comment=flagged, session_key="a" * 32)
    services.comment_flag(comment=flagged, session_key="b" * 32)
    _moderator(client)
    response = client.get(
        "/admin/snippets/publications/articlecomment/", {"ordering": "-flag_count"}
    )
    assert [comment.pk for comment in response.context["object_list"]][:2] == [
        flagged.pk,
        quiet.pk,
    ]


def test_comments_cannot_be_written_in_the_admin(client, article):
    _moderator(client)
    response = client.get("/admin/snippets/publications/articlecomment/add/")
    assert response.status_code in {302, 403}
    assert not ArticleComment.objects.exists()


def test_comments_never_show_an_email_address(client, article, reader):
    _published(article, author=UserFactory(email="quiet.person@example.org"))
    _published(article, author=UserFactory(first_name="Ria", email="ria@example.org"))
    html = client.get(URL).text
    assert "quiet.person" in html
    assert "Ria" in html
    assert "@example.org" not in html


def test_article_page_queries_do_not_grow_with_comments(
    client, article, reader, django_assert_max_num_queries
):
    # 39 measured for a signed-in reader with 10 comments (34 before the SEO
    # head tags, 36 before the organisations involved, 37 before the
    # initiatives involved, 38 before the header's count of unread
    # notifications); it must hold for 30.
    for number in range(30):
        author = reader if number % 2 else None
        _published(article, body=f"Comment {number}", author=author)
        if number == 9:
            client.get(URL)
            with django_assert_max_num_queries(39):
                client.get(URL)
    with django_assert_max_num_queries(39):
        html = client.get(URL).text
    assert "Comment 29" in html


def test_report_form_asks_what_is_wrong(client, article):
    comment = _published(article, body="Buy cheap watches.")
    html = client.get(URL).text
    assert f'for="flag-reason-{comment.pk}"' in html
    assert "What is wrong with it? (optional)" in html
    client.post(_flag_url(comment), {"reason": "Spam"})
    assert CommentFlag.objects.get().reason == "Spam"


def _bulk_url(action: str, *comments) -> str:
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/publications/articlecomment/{action}/?{ids}"


def test_moderator_publishes_several_comments_at_once(client, article):
    waiting = [
        services.comment_post(
            article=article, author=UserFactory(verified=True), body=f"Idea {n}."
        )
        for n in range(3)
    ]
    moderator = _moderator(client)
    confirm = client.get(_bulk_url("publish_comments", *waiting[:2]))
    assert confirm.status_code == 200
    assert "Idea 0." in confirm.text
    response = client.post(_bulk_url("publish_comments", *waiting[:2]))
    assert response.status_code == 302
    statuses = dict(ArticleComment.objects.values_list("body", "status"))
    assert statuses == {
        "Idea 0.": CommentStatus.PUBLISHED,
        "Idea 1.": CommentStatus.PUBLISHED,
        "Idea 2.": CommentStatus.PENDING,
    }
    assert {
        comment.moderated_by
        for comment in ArticleComment.objects.filter(status=CommentStatus.PUBLISHED)
    } == {moderator}


def test_moderator_hides_flagged_comments_at_once(client, article):
    flagged = [_published(article, body=f"Rude {n}.") for n in range(2)]
    _moderator(client)
    client.post(_bulk_url("hide_comments", *flagged))
    assert set(ArticleComment.objects.values_list("status", flat=True)) == {
        CommentStatus.HIDDEN
    }
    assert client.get(URL).text.count("Rude") == 0


def test_readers_cannot_moderate_in_bulk(client, article, reader):
    waiting = services.comment_post(
        article=article, author=UserFactory(verified=True), body="Wait."
    )
    client.post(_bulk_url("publish_comments", waiting))
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.PENDING
