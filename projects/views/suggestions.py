"""What the matching suggests, for the members of each side: the partners
suggested to an initiative (its owner's members), the initiatives suggested
to an organisation (its members), and dismissing a suggestion. Signed-in,
verified users only; anyone else learns nothing about the suggestions."""

from functools import wraps

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from partners.models import Organisation
from projects import selectors
from projects.matching import suggestions
from projects.models import Initiative, SuggestionDirection


def _initiative_suggestions_url(slug: str, **kwargs) -> str:
    return reverse("projects:initiative_suggestions", kwargs={"slug": slug})


def _organisation_suggestions_url(slug: str, **kwargs) -> str:
    return reverse("projects:organisation_suggestions", kwargs={"slug": slug})


def _dismiss_action(after_login):
    """A Dismiss button's target: POST only, for verified users; a visitor
    whose session ran out logs in and comes back to the list."""

    def decorator(view):
        verified_view = verified_email_required(view)

        @require_POST
        @wraps(view)
        def wrapped(request, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(after_login(**kwargs))
            return verified_view(request, **kwargs)

        return wrapped

    return decorator


def _owned_initiative(request, initiative: Initiative | None) -> Initiative:
    """404 for an initiative this user may not know of; 403 for one they may
    see but whose suggestions are for its owner's members."""
    if initiative is None or not selectors.initiative_can_view(
        user=request.user, initiative=initiative
    ):
        raise Http404(_("There is no initiative at this address."))
    if not suggestions.is_member(user=request.user, organisation=initiative.owner):
        raise PermissionDenied(
            _("Only the members of the organisation that runs it see its suggestions.")
        )
    return initiative


def _member_organisation(request, organisation: Organisation | None) -> Organisation:
    """404 for anyone but the organisation's members: whose suggestions these
    are is nobody else's business."""
    if organisation is None or not suggestions.is_member(
        user=request.user, organisation=organisation
    ):
        raise Http404(_("There is no organisation at this address."))
    return organisation


@require_safe
@verified_email_required
def initiative_suggestions(request, slug):
    """The organisations suggested as partners for an initiative, with why,
    and for one seeking several sectors a suggested team."""
    initiative = _owned_initiative(
        request, suggestions.initiative_for_suggestions(slug=slug)
    )
    suggested = suggestions.suggestions_for_initiative(initiative=initiative)
    return TemplateResponse(
        request,
        "projects/initiative_suggestions.html",
        {
            "initiative": initiative,
            "suggestions": suggested,
            "team": suggestions.team_for_initiative(
                initiative=initiative, suggestions=suggested
            ),
            "state": suggestions.matching_state(initiative),
        },
    )


@_dismiss_action(after_login=_initiative_suggestions_url)
def initiative_suggestion_dismiss(request, slug, organisation):
    initiative = _owned_initiative(
        request, Initiative.objects.select_related("owner").filter(slug=slug).first()
    )
    organisation = get_object_or_404(Organisation.objects.approved(), slug=organisation)
    suggestions.suggestion_dismiss(
        user=request.user,
        initiative=initiative,
        organisation=organisation,
        direction=SuggestionDirection.FOR_INITIATIVE,
    )
    messages.success(
        request,
        _("%(name)s will not be suggested for this initiative again.")
        % {"name": organisation.name},
    )
    return redirect("projects:initiative_suggestions", slug=initiative.slug)


@require_safe
@verified_email_required
def organisation_suggestions(request, slug):
    """The initiatives suggested to one of the user's organisations."""
    organisation = _member_organisation(
        request, suggestions.organisation_for_suggestions(slug=slug)
    )
    return TemplateResponse(
        request,
        "projects/organisation_suggestions.html",
        {
            "organisation": organisation,
            "suggestions": suggestions.suggestions_for_organisation(
                organisation=organisation
            ),
            "state": suggestions.matching_state(organisation),
        },
    )


@_dismiss_action(after_login=_organisation_suggestions_url)
def organisation_suggestion_dismiss(request, slug, initiative):
    organisation = _member_organisation(
        request, Organisation.objects.filter(slug=slug).first()
    )
    initiative = get_object_or_404(Initiative.objects.public(), slug=initiative)
    suggestions.suggestion_dismiss(
        user=request.user,
        initiative=initiative,
        organisation=organisation,
        direction=SuggestionDirection.FOR_ORGANISATION,
    )
    messages.success(
        request,
        _("%(title)s will not be suggested to %(name)s again.")
        % {"title": initiative.title, "name": organisation.name},
    )
    return redirect("projects:organisation_suggestions", slug=organisation.slug)
