"""Following initiatives, organisations and themes, and the follower's own
page of what they follow and what happened to it. The buttons are plain
POST forms, so they work without JavaScript."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from projects import following
from projects.models import DigestFrequency

PAGE_SIZE = 20
NOTIFICATIONS_PAGE_SIZE = 25


class DigestForm(forms.Form):
    digest = forms.ChoiceField(
        label=gettext_lazy("E-mail me what happened"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Please choose how often we e-mail you."),
            "invalid_choice": gettext_lazy("Please choose daily, weekly or never."),
        },
    )


# Following and unfollowing ----------------------------------------------------


def _my_following_url() -> str:
    return reverse("projects:my_following")


def _next_url(request, target_url: str) -> str:
    """Back where the button was, if that is on this site."""
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return target_url or _my_following_url()


def _follow_view(find_target):
    """A follow button's target: POST only; a visitor who is not signed in
    logs in and comes back to the page of what they wanted to follow."""

    @require_POST
    def view(request, slug):
        target = find_target(slug=slug)
        if target is None:
            raise Http404(_("There is nothing to follow at this address."))
        names = following.TargetNames([target])
        target_url = names.url(target)
        if not request.user.is_authenticated:
            return redirect_to_login(_next_url(request, target_url))
        name = names.name(target)
        if request.POST.get("follow") == "0":
            following.follow_delete(user=request.user, target=target)
            messages.success(
                request, _("You no longer follow %(name)s.") % {"name": name}
            )
        else:
            following.follow_create(user=request.user, target=target)
            messages.success(
                request,
                _(
                    "You now follow %(name)s. You will hear of it on your "
                    "following page and in your e-mail digest."
                )
                % {"name": name},
            )
        return redirect(_next_url(request, target_url))

    return view


follow_initiative = _follow_view(following.followable_initiative)
follow_organisation = _follow_view(following.followable_organisation)
follow_theme = _follow_view(following.followable_theme)


# The follower's page ---------------------------------------------------------------


def _query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@require_safe
@login_required
def my_following(request):
    return _my_following_page(
        request,
        DigestForm(
            initial={"digest": following.preferences_of(user=request.user).digest}
        ),
    )


def _my_following_page(request, digest_form, status=200):
    user = request.user
    follows = Paginator(following.follows_of_user(user=user), PAGE_SIZE).get_page(
        request.GET.get("follows")
    )
    notifications = Paginator(
        following.notifications_of_user(user=user), NOTIFICATIONS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    names = following.TargetNames([follow.target for follow in follows])
    return TemplateResponse(
        request,
        "projects/my_following.html",
        {
            "follows": follows,
            "followed": [
                {
                    "follow": follow,
                    "name": names.name(follow.target),
                    "url": names.url(follow.target),
                }
                for follow in follows
            ],
            "notifications": notifications,
            "entries": following.notifications_described(notifications),
            "has_unread": any(n.read_at is None for n in notifications),
            "digest_form": digest_form,
            "follows_query": _query_without(request, "follows"),
            "notifications_query": _query_without(request, "page"),
        },
        status=status,
    )


@require_POST
@login_required
def digest_preference(request):
    form = DigestForm(request.POST)
    if not form.is_valid():
        return _my_following_page(request, form, status=400)
    following.digest_set(user=request.user, digest=form.cleaned_data["digest"])
    messages.success(request, _("Your choice of e-mail digest has been saved."))
    return redirect(_my_following_url())


@require_POST
@login_required
def notifications_read(request):
    following.notifications_mark_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect(_my_following_url())
