"""Registering, editing and joining organisations, managing members, and the
member's own dashboard. Every page here is for signed-in users with a verified
e-mail address; who may do what is decided by the selectors and services."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from partners import selectors, services
from partners.forms import (
    DuplicateConfirmationForm,
    JoinRequestAnswerForm,
    JoinRequestForm,
    MembershipUpdateForm,
    OrganisationForm,
    OrganisationRegistrationForm,
)
from partners.models import (
    JoinRequest,
    MemberRole,
    Membership,
    ModerationStatus,
    Organisation,
)

PAGE_SIZE = 20
DUE_SOON = timedelta(days=services.REMINDER_DAYS_BEFORE_EXPIRY)

# What each status means for the members, in plain words; shown after the
# status's own name ("Awaiting review.").
STATUS_EXPLANATIONS = {
    ModerationStatus.PENDING: gettext_lazy(
        "A moderator will look at it soon; until then only its members can see it."
    ),
    ModerationStatus.CHANGES_REQUESTED: gettext_lazy(
        "A moderator asks you to change the profile; once you save your changes, "
        "it goes back for review."
    ),
    ModerationStatus.APPROVED: gettext_lazy("It appears in the public directory."),
    ModerationStatus.REJECTED: gettext_lazy(
        "A moderator decided it does not belong in the directory."
    ),
    ModerationStatus.SUSPENDED: gettext_lazy(
        "A moderator has taken it out of the directory; it cannot be edited until "
        "the suspension is lifted."
    ),
}


# Access ----------------------------------------------------------------------


def _visible_organisation(request, slug: str) -> Organisation:
    """The organisation, or 404 for one this user may not know exists."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not selectors.organisation_can_view(
        user=request.user, organisation=organisation
    ):
        raise Http404
    return organisation


def _members_url(slug: str) -> str:
    return reverse("partners:organisation_members", kwargs={"slug": slug})


def _dashboard_url(slug: str) -> str:
    return reverse("partners:my_organisations")


def _post_action(after_login):
    """A button's target: POST only (405 otherwise), for verified users. A
    visitor whose session ran out logs in and lands on ``after_login(slug)``,
    since this address itself takes no GET."""

    def decorator(view):
        verified_view = verified_email_required(view)

        @require_POST
        @wraps(view)
        def wrapped(request, slug, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(after_login(slug))
            return verified_view(request, slug, **kwargs)

        return wrapped

    return decorator


def _submitted(request) -> tuple:
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _as_form_errors(error: ValidationError) -> ValidationError:
    # The model's own checks may name fields the form does not have.
    return ValidationError(error.messages)


def _query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


# Registering and editing -------------------------------------------------------


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_register(request):
    form = OrganisationRegistrationForm(*_submitted(request))
    if form.is_bound and form.is_valid():
        try:
            organisation = services.organisation_register(
                user=request.user, fields=form.organisation_fields()
            )
        except ValidationError as error:
            form.add_error(None, _as_form_errors(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you. %(name)s is registered and awaits review by a "
                    "moderator; we will e-mail you their decision."
                )
                % {"name": organisation.name},
            )
            return redirect(organisation)
    return TemplateResponse(
        request,
        "partners/organisation_form.html",
        {"form": form, "similar": form.similar, "registering": True},
    )


@require_safe
@verified_email_required
def organisation_similar(request):
    """The "is this your organisation?" list, for htmx to show while the name
    and website are typed."""
    similar = selectors.organisations_similar(
        name=request.GET.get("name", "")[:200],
        website_domain=_domain_of(request.GET.get("website", "")[:300]),
    )
    confirmation = DuplicateConfirmationForm(request.GET)
    return TemplateResponse(
        request,
        "partners/includes/similar_organisations.html",
        {"similar": similar, "confirm_field": confirmation["not_a_duplicate"]},
    )


def _domain_of(website: str) -> str:
    try:
        return services.website_domain(website.strip())
    except ValueError:  # half-typed addresses such as "https://["
        return ""


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, slug):
    organisation = _visible_organisation(request, slug)
    if selectors.membership_of(user=request.user, organisation=organisation) is None:
        raise PermissionDenied
    context = {
        "organisation": organisation,
        # The form changes ``organisation`` as it checks; the heading must not.
        "organisation_name": organisation.name,
        "explanation": STATUS_EXPLANATIONS[organisation.status],
    }
    if organisation.status == ModerationStatus.SUSPENDED:
        return TemplateResponse(
            request, "partners/organisation_form.html", context, status=403
        )
    status_before = organisation.status
    form = OrganisationForm(*_submitted(request), instance=organisation)
    if form.is_bound and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation,
                user=request.user,
                fields=form.organisation_fields(),
            )
        except ValidationError as error:
            form.add_error(None, _as_form_errors(error))
        else:
            messages.success(request, _saved_message(status_before))
            return redirect(organisation)
    return TemplateResponse(
        request, "partners/organisation_form.html", {**context, "form": form}
    )


def _saved_message(status_before: str) -> str:
    if status_before == ModerationStatus.CHANGES_REQUESTED:
        return _(
            "Your changes have been saved and sent back to the moderators for review."
        )
    if status_before == ModerationStatus.PENDING:
        return _("Your changes have been saved. The profile still awaits review.")
    if status_before == ModerationStatus.APPROVED:
        return _("Your changes have been saved and are shown on the public page.")
    return _("Your changes have been saved.")


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_withdraw(request, slug):
    organisation = _visible_organisation(request, slug)
    if not selectors.organisation_can_manage(
        user=request.user, organisation=organisation
    ):
        raise PermissionDenied
    if request.method == "POST":
        name = organisation.name
        services.organisation_withdraw(organisation=organisation, user=request.user)
        messages.success(
            request,
            _("%(name)s has been withdrawn and removed from the hub.") % {"name": name},
        )
        return redirect("partners:my_organisations")
    return TemplateResponse(
        request, "partners/organisation_withdraw.html", {"organisation": organisation}
    )


@_post_action(after_login=_dashboard_url)
def organisation_reconfirm(request, slug):
    organisation = _visible_organisation(request, slug)
    services.organisation_reconfirm(organisation=organisation, user=request.user)
    messages.success(
        request,
        _(
            "Thank you for confirming that the profile of %(name)s is up to date. "
            "Please confirm it again by %(date)s."
        )
        % {
            "name": organisation.name,
            "date": _date(services.reconfirmation_due(organisation)),
        },
    )
    return redirect("partners:my_organisations")


def _date(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


# Joining and members -------------------------------------------------------------


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_join(request, slug):
    organisation = _visible_organisation(request, slug)
    if not organisation.is_public:
        raise PermissionDenied  # only approved organisations take new members
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.join_request_create(
                organisation=organisation,
                user=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Your request to join %(name)s has been sent. Its owners will "
                    "answer by e-mail."
                )
                % {"name": organisation.name},
            )
        return redirect("partners:my_organisations")
    return TemplateResponse(
        request,
        "partners/organisation_join.html",
        {
            "organisation": organisation,
            "form": form,
            "membership": selectors.membership_of(
                user=request.user, organisation=organisation
            ),
            "already_asked": selectors.join_requests_of_user(user=request.user)
            .filter(organisation=organisation)
            .exists(),
        },
    )


@require_safe
@verified_email_required
def organisation_members(request, slug):
    organisation = _visible_organisation(request, slug)
    own = selectors.membership_of(user=request.user, organisation=organisation)
    if own is None:
        raise PermissionDenied
    members = Paginator(
        selectors.members_of(organisation=organisation), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    join_requests = None
    if own.is_owner:
        join_requests = Paginator(
            selectors.join_requests_open(organisation=organisation), PAGE_SIZE
        ).get_page(request.GET.get("requests"))
    return TemplateResponse(
        request,
        "partners/organisation_members.html",
        {
            "organisation": organisation,
            "own_membership": own,
            "members": members,
            "join_requests": join_requests,
            "roles": MemberRole,
            "members_query": _query_without(request, "page"),
            "requests_query": _query_without(request, "requests"),
        },
    )


@_post_action(after_login=_members_url)
def membership_update(request, slug, pk):
    organisation = _visible_organisation(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )
    form = MembershipUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That change could not be made. Please try again."))
        return redirect(_members_url(slug))
    change = MEMBERSHIP_CHANGES[form.cleaned_data["action"]]
    try:
        message, next_url = change(request, membership, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_members_url(slug))
    messages.success(request, message)
    return redirect(next_url)


def _change_role(request, membership: Membership, data: dict) -> tuple[str, str]:
    services.membership_role_change(
        membership=membership, actor=request.user, role=data["role"]
    )
    message = _("%(person)s is now %(role)s.") % {
        "person": membership.public_name,
        "role": _("an owner") if membership.is_owner else _("an editor"),
    }
    return message, _members_url(membership.organisation.slug)


def _remove(request, membership: Membership, data: dict) -> tuple[str, str]:
    organisation = membership.organisation
    services.membership_remove(membership=membership, actor=request.user)
    if membership.user_id == request.user.pk:
        message = _("You have left %(name)s.") % {"name": organisation.name}
        return message, reverse("partners:my_organisations")
    message = _("%(person)s is no longer a member of %(name)s.") % {
        "person": membership.public_name,
        "name": organisation.name,
    }
    return message, _members_url(organisation.slug)


def _set_visibility(request, membership: Membership, data: dict) -> tuple[str, str]:
    # Only the member decides whether their own name is shown.
    if membership.user_id != request.user.pk:
        raise PermissionDenied
    services.membership_visibility_set(
        membership=membership, shown_publicly=data["shown_publicly"]
    )
    if membership.shown_publicly:
        message = _("Your name is now shown on the organisation's public page.")
    else:
        message = _("Your name is no longer shown on the organisation's public page.")
    return message, _members_url(membership.organisation.slug)


MEMBERSHIP_CHANGES = {
    MembershipUpdateForm.ROLE: _change_role,
    MembershipUpdateForm.REMOVE: _remove,
    MembershipUpdateForm.VISIBILITY: _set_visibility,
}


@_post_action(after_login=_members_url)
def join_request_answer(request, slug, pk):
    organisation = _visible_organisation(request, slug)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )
    form = JoinRequestAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please accept or decline the request."))
        return redirect(_members_url(slug))
    accept = form.cleaned_data["answer"] == JoinRequestAnswerForm.ACCEPT
    try:
        services.join_request_answer(
            join_request=join_request, owner=request.user, accept=accept
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _answered_message(join_request, accept=accept))
    return redirect(_members_url(slug))


def _answered_message(join_request: JoinRequest, *, accept: bool) -> str:
    person = join_request.user.get_full_name() or join_request.user.email
    if accept:
        return _("%(person)s is now a member, as an editor.") % {"person": person}
    return _("You declined the request of %(person)s.") % {"person": person}


# The member's dashboard ------------------------------------------------------------


@dataclass
class DashboardEntry:
    """One of the user's organisations as the dashboard shows it."""

    membership: Membership
    explanation: str
    reconfirmation_due: datetime | None
    overdue: bool
    due_soon: bool

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation


def _dashboard_entry(membership: Membership, now: datetime) -> DashboardEntry:
    organisation = membership.organisation
    due = services.reconfirmation_due(organisation)
    overdue = bool(organisation.stale_since) or (due is not None and due <= now)
    return DashboardEntry(
        membership=membership,
        explanation=STATUS_EXPLANATIONS[organisation.status],
        reconfirmation_due=due,
        overdue=overdue,
        due_soon=not overdue and due is not None and due <= now + DUE_SOON,
    )


@require_safe
@verified_email_required
def my_organisations(request):
    memberships = Paginator(
        selectors.organisations_of_user(user=request.user), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    join_requests = Paginator(
        selectors.join_requests_of_user(user=request.user), PAGE_SIZE
    ).get_page(request.GET.get("requests"))
    now = timezone.now()
    return TemplateResponse(
        request,
        "partners/my_organisations.html",
        {
            "memberships": memberships,
            "entries": [_dashboard_entry(item, now) for item in memberships],
            "join_requests": join_requests,
            "statuses": ModerationStatus,
            "memberships_query": _query_without(request, "page"),
            "requests_query": _query_without(request, "requests"),
        },
    )
