"""Follow buttons and the unread count, for templates of any app: the
registry's and the publications' pages show them without importing this app."""

from django import template
from django.urls import reverse

from projects import following

register = template.Library()

FOLLOW_URLS = {
    "initiative": "projects:initiative_follow",
    "organisation": "projects:organisation_follow",
    "theme": "projects:theme_follow",
}


@register.simple_tag
def follow_url(target) -> str:
    """Where the follow button of ``target`` posts to."""
    field = following.target_field(target)
    return reverse(FOLLOW_URLS[field], kwargs={"slug": target.slug})


@register.inclusion_tag("projects/includes/follow_button.html", takes_context=True)
def follow_button(context, target):
    """A follow / unfollow button for an initiative, organisation or theme
    (a theme in any language: the default language's one is followed)."""
    name = str(target)  # a theme under its name in the page's language
    if following.target_field(target) == "theme":
        target = following.theme_of_default_language(target)
    request = context["request"]
    return {
        "target": target,
        "action": follow_url(target),
        "is_following": following.is_following(user=request.user, target=target),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "name": name,
    }


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """How many notifications the signed-in person has not read (one query)."""
    user = context["request"].user
    if not user.is_authenticated:
        return 0
    return following.unread_count(user=user)
