"""The registrant's side of initiatives: registering, editing, pausing and
withdrawing them, inviting partners, and the member's dashboard. Every page
here is for signed-in users with a verified e-mail address; who may do what
is decided by the selectors and services."""

import copy
from dataclasses import dataclass
from functools import wraps

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from partners.models import ModerationStatus, Organisation
from projects import selectors, services
from projects.forms import (
    ImageRemovalForm,
    InitiativeForm,
    InvitationAnswerForm,
    PartnerInviteForm,
    PartnerSearchForm,
    image_formset,
    link_formset,
)
from projects.models import Initiative, InitiativePartner

PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 10
SEND = "submit"  # the value of the "Send for review" button

# What each status means for the members, in plain words; shown after the
# status's own name ("Draft.").
STATUS_EXPLANATIONS = {
    ModerationStatus.DRAFT: gettext_lazy(
        "Not sent yet: resume it and send it for review when it is ready. Only "
        "your organisation's members can see it."
    ),
    ModerationStatus.PENDING: gettext_lazy(
        "A moderator will look at it soon; until then only your organisation's "
        "members can see it."
    ),
    ModerationStatus.CHANGES_REQUESTED: gettext_lazy(
        "A moderator asks you to change it before it can be shown. Edit it and "
        "send it for review again."
    ),
    ModerationStatus.APPROVED: gettext_lazy(
        "It is public: it appears in the list of initiatives and on the map."
    ),
    ModerationStatus.REJECTED: gettext_lazy(
        "A moderator decided it does not belong on the hub."
    ),
    ModerationStatus.SUSPENDED: gettext_lazy(
        "A moderator has taken it off the hub; it cannot be edited until the "
        "suspension is lifted."
    ),
}
PAUSED_EXPLANATION = gettext_lazy(
    "Paused: it is hidden from the public until you resume it."
)


# Access ----------------------------------------------------------------------


def _visible_initiative(request, slug: str) -> Initiative:
    """The initiative, or 404 for one this user may not know exists."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("owner"), slug=slug
    )
    if not selectors.initiative_can_view(user=request.user, initiative=initiative):
        raise Http404
    return initiative


def _editable_initiative(request, slug: str) -> Initiative:
    """The initiative, 404 as above, or 403 for one this user may see but not
    change (someone else's, or one a moderator suspended)."""
    initiative = _visible_initiative(request, slug)
    if not selectors.initiative_can_edit(user=request.user, initiative=initiative):
        raise PermissionDenied
    return initiative


def _dashboard_url(**kwargs) -> str:
    return reverse("projects:my_initiatives")


def _partners_url(slug: str, **kwargs) -> str:
    return reverse("projects:initiative_partners", kwargs={"slug": slug})


def _edit_url(slug: str) -> str:
    return reverse("projects:initiative_edit", kwargs={"slug": slug})


def _post_action(after_login):
    """A button's target: POST only (405 otherwise), for verified users. A
    visitor whose session ran out logs in and lands on ``after_login(**kwargs)``,
    since this address itself takes no GET."""

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


# The form ----------------------------------------------------------------------


@dataclass
class InitiativeFormPage:
    """The initiative form with its link rows and image uploads, which are
    checked and shown together."""

    form: InitiativeForm
    links: object
    images: object
    removal: ImageRemovalForm | None = None

    @property
    def formsets(self) -> list:
        return [self.links, self.images]

    def is_valid(self) -> bool:
        valid = all(
            [
                self.form.is_valid(),
                self.links.is_valid(),
                self.images.is_valid(),
                self.removal is None or self.removal.is_valid(),
            ]
        )
        if self.form.is_bound and not valid:
            self.images.ask_to_choose_again()
        return valid

    def add_error(self, error: ValidationError) -> None:
        self.form.add_error(None, _as_form_errors(error))
        self.images.ask_to_choose_again()

    def attachments(self) -> dict:
        removed = self.removal.cleaned_data["remove_images"] if self.removal else []
        return {
            "links": self.links.links(),
            "new_images": self.images.new_images(),
            "removed_image_ids": [int(pk) for pk in removed],
        }

    def context(self) -> dict:
        return {
            "form": self.form,
            "links": self.links,
            "images": self.images,
            "removal": self.removal,
            "formsets": self.formsets,
            "formsets_have_errors": any(
                formset.is_bound and formset.total_error_count()
                for formset in self.formsets
            ),
        }


def _sending(request) -> bool:
    return request.method == "POST" and request.POST.get("action") == SEND


def _register_page(request, owners) -> InitiativeFormPage:
    data, files = _submitted(request)
    return InitiativeFormPage(
        form=InitiativeForm(data, owners=owners, sending=_sending(request)),
        links=link_formset(data),
        images=image_formset(data, files),
    )


def _edit_page(request, initiative: Initiative, *, sending: bool):
    data, files = _submitted(request)
    existing = list(initiative.images.all())
    links = list(initiative.links.values("url", "label"))
    return InitiativeFormPage(
        # A copy: the form sets what was typed on its instance as it checks,
        # and the service compares it with what was saved before.
        form=InitiativeForm(data, instance=copy.copy(initiative), sending=sending),
        links=link_formset(data, links=links),
        images=image_formset(data, files, existing=len(existing)),
        removal=ImageRemovalForm(data, images=existing) if existing else None,
    )


# Registering and editing ---------------------------------------------------------


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_register(request):
    owners = selectors.organisations_that_can_register(user=request.user)
    if not owners.exists():
        return TemplateResponse(
            request,
            "projects/initiative_no_organisation.html",
            {
                "awaiting_approval": Organisation.objects.of_member(
                    request.user
                ).exists()
            },
        )
    page = _register_page(request, owners)
    if page.form.is_bound and page.is_valid():
        try:
            initiative = _register(request, page, sending=_sending(request))
        except ValidationError as error:
            page.add_error(error)
        else:
            return _after_registering(request, initiative)
    return TemplateResponse(
        request,
        "projects/initiative_form.html",
        {**page.context(), "registering": True, "can_send": True},
    )


@transaction.atomic
def _register(request, page: InitiativeFormPage, *, sending: bool) -> Initiative:
    initiative = services.initiative_draft_create(
        user=request.user,
        owner=page.form.cleaned_data["owner"],
        fields=page.form.initiative_fields(),
    )
    services.initiative_attachments_update(
        initiative=initiative, user=request.user, **page.attachments()
    )
    if sending:
        services.initiative_submit(initiative=initiative, user=request.user)
    return initiative


def _after_registering(request, initiative: Initiative):
    if initiative.status == ModerationStatus.PENDING:
        messages.success(request, _sent_message(initiative))
        return redirect("projects:my_initiatives")
    messages.success(
        request,
        _(
            "Your draft of %(title)s has been saved. Come back to it at any time "
            "from My initiatives."
        )
        % {"title": initiative.title},
    )
    return redirect(_edit_url(initiative.slug))


def _sent_message(initiative: Initiative) -> str:
    return _(
        "Thank you. %(title)s has been sent for review; we will e-mail you the "
        "moderator's decision."
    ) % {"title": initiative.title}


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_edit(request, slug):
    initiative = _visible_initiative(request, slug)
    context = {
        "initiative": initiative,
        # The form changes its copy as it checks; the heading must not.
        "initiative_title": initiative.title,
        "explanation": _explanation(initiative),
    }
    if not selectors.initiative_can_edit(user=request.user, initiative=initiative):
        # Its members are told why; anyone else is simply refused.
        if initiative.status == ModerationStatus.SUSPENDED and _is_member(
            request, initiative
        ):
            return TemplateResponse(
                request, "projects/initiative_form.html", context, status=403
            )
        raise PermissionDenied
    can_send = initiative.status in services.SUBMITTABLE
    # Once it is awaiting review or public, every save must be complete.
    sending = _sending(request) or not can_send
    page = _edit_page(request, initiative, sending=sending)
    if page.form.is_bound and page.is_valid():
        status_before = initiative.status
        edited_before = initiative.edited_since_review_at
        try:
            _update(request, initiative, page, send=can_send and _sending(request))
        except ValidationError as error:
            page.add_error(error)
        else:
            return _after_editing(request, initiative, status_before, edited_before)
    return TemplateResponse(
        request,
        "projects/initiative_form.html",
        {**context, **page.context(), "can_send": can_send},
    )


def _is_member(request, initiative: Initiative) -> bool:
    return (
        selectors.initiatives_of_user(user=request.user)
        .filter(pk=initiative.pk)
        .exists()
    )


@transaction.atomic
def _update(request, initiative: Initiative, page: InitiativeFormPage, *, send: bool):
    services.initiative_update(
        initiative=initiative, user=request.user, fields=page.form.initiative_fields()
    )
    services.initiative_attachments_update(
        initiative=initiative, user=request.user, **page.attachments()
    )
    if send:
        services.initiative_submit(initiative=initiative, user=request.user)


def _after_editing(request, initiative: Initiative, status_before, edited_before):
    if initiative.status == ModerationStatus.PENDING and status_before != (
        ModerationStatus.PENDING
    ):
        messages.success(request, _sent_message(initiative))
        return redirect("projects:my_initiatives")
    if status_before == ModerationStatus.DRAFT:
        messages.success(request, _("Your draft has been saved."))
        return redirect(_edit_url(initiative.slug))
    messages.success(request, _saved_message(initiative, status_before, edited_before))
    return redirect("projects:my_initiatives")


def _saved_message(initiative: Initiative, status_before, edited_before) -> str:
    if status_before == ModerationStatus.APPROVED:
        if initiative.edited_since_review_at != edited_before:
            return _(
                "Your changes to %(title)s are shown at once. Because they change "
                "what the initiative says, the moderators have been told and may "
                "look at it again."
            ) % {"title": initiative.title}
        return _("Your changes to %(title)s are shown at once.") % {
            "title": initiative.title
        }
    if status_before == ModerationStatus.PENDING:
        return _("Your changes have been saved. The initiative still awaits review.")
    if status_before == ModerationStatus.CHANGES_REQUESTED:
        return _(
            "Your changes have been saved. Send the initiative for review again "
            "when it is ready."
        )
    return _("Your changes have been saved.")


def _explanation(initiative: Initiative) -> str:
    if initiative.status == ModerationStatus.APPROVED and initiative.is_paused:
        return PAUSED_EXPLANATION
    return STATUS_EXPLANATIONS[initiative.status]


# Pausing, resuming and withdrawing ---------------------------------------------


@dataclass(frozen=True)
class OwnersStep:
    """A step the owners confirm on a page of its own before it is taken."""

    service: object
    heading: str
    warning: str
    button: str
    done: str


OWNERS_STEPS = {
    "pause": OwnersStep(
        service=services.initiative_pause,
        heading=gettext_lazy("Pause %(title)s"),
        warning=gettext_lazy(
            "While it is paused, the initiative is hidden from the list, the map "
            "and its public page. You can resume it at any time; nothing is lost."
        ),
        button=gettext_lazy("Pause the initiative"),
        done=gettext_lazy("%(title)s is paused and hidden until you resume it."),
    ),
    "resume": OwnersStep(
        service=services.initiative_resume,
        heading=gettext_lazy("Resume %(title)s"),
        warning=gettext_lazy(
            "Once resumed, the initiative is shown again as it was, if a "
            "moderator has approved it."
        ),
        button=gettext_lazy("Resume the initiative"),
        done=gettext_lazy("%(title)s has been resumed."),
    ),
    "withdraw": OwnersStep(
        service=services.initiative_withdraw,
        heading=gettext_lazy("Withdraw %(title)s"),
        warning=gettext_lazy(
            "Withdrawing removes the initiative from the hub for good: its "
            "description, images, links, partners and history. This cannot be "
            "undone."
        ),
        button=gettext_lazy("Withdraw the initiative"),
        done=gettext_lazy("%(title)s has been withdrawn and removed from the hub."),
    ),
}


def _owners_step(name: str):
    step = OWNERS_STEPS[name]

    @verified_email_required
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request, slug):
        initiative = _editable_initiative(request, slug)
        title = {"title": initiative.title}
        if request.method == "POST":
            step.service(initiative=initiative, user=request.user)
            messages.success(request, step.done % title)
            return redirect("projects:my_initiatives")
        return TemplateResponse(
            request,
            "projects/initiative_confirm.html",
            {
                "initiative": initiative,
                "heading": step.heading % title,
                "warning": step.warning,
                "button": step.button,
            },
        )

    view.__name__ = f"initiative_{name}"
    return view


initiative_pause = _owners_step("pause")
initiative_resume = _owners_step("resume")
initiative_withdraw = _owners_step("withdraw")


# Partners --------------------------------------------------------------------------


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_partners(request, slug):
    initiative = _editable_initiative(request, slug)
    if request.method == "POST":
        return _invite(request, initiative)
    search = PartnerSearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    candidates = None
    if query:
        candidates = Paginator(
            selectors.organisations_invitable(initiative=initiative, query=query),
            SEARCH_PAGE_SIZE,
        ).get_page(request.GET.get("page"))
    partnerships = Paginator(
        selectors.partnerships_of(initiative=initiative), PAGE_SIZE
    ).get_page(request.GET.get("partners"))
    return TemplateResponse(
        request,
        "projects/initiative_partners.html",
        {
            "initiative": initiative,
            "search": search,
            "query": query,
            "candidates": candidates,
            "invite_form": PartnerInviteForm(),
            "partnerships": partnerships,
            "candidates_query": _query_without(request, "page"),
            "partners_query": _query_without(request, "partners"),
        },
    )


def _invite(request, initiative: Initiative):
    form = PartnerInviteForm(request.POST)
    organisation = None
    if form.is_valid():
        organisation = Organisation.objects.filter(
            pk=form.cleaned_data["organisation"]
        ).first()
    if organisation is None:
        messages.error(request, _("Please choose an organisation from the list."))
        return redirect(_partners_url(initiative.slug))
    try:
        services.partner_invite(
            initiative=initiative,
            organisation=organisation,
            user=request.user,
            role=form.cleaned_data["role"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(name)s has been invited. Its owners are e-mailed, and it is named "
                "as a partner once one of its members confirms."
            )
            % {"name": organisation.name},
        )
    return redirect(_partners_url(initiative.slug))


@_post_action(after_login=_partners_url)
def partner_remove(request, slug, pk):
    initiative = _visible_initiative(request, slug)
    partnership = get_object_or_404(
        InitiativePartner.objects.select_related("organisation", "initiative__owner"),
        pk=pk,
        initiative=initiative,
    )
    services.partner_remove(partnership=partnership, user=request.user)
    messages.success(
        request,
        _("%(name)s is no longer a partner of %(title)s.")
        % {"name": partnership.organisation.name, "title": initiative.title},
    )
    return redirect(_partners_url(slug))


@_post_action(after_login=_dashboard_url)
def invitation_answer(request, pk):
    partnership = get_object_or_404(
        InitiativePartner.objects.select_related("organisation", "initiative"), pk=pk
    )
    if not selectors.partnership_can_answer(user=request.user, partnership=partnership):
        raise Http404  # an invitation to someone else's organisation
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please confirm or decline the invitation."))
        return redirect("projects:my_initiatives")
    accept = form.cleaned_data["answer"] == InvitationAnswerForm.ACCEPT
    try:
        services.partner_answer(
            partnership=partnership, user=request.user, accept=accept
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _answered_message(partnership, accept=accept))
    return redirect("projects:my_initiatives")


def _answered_message(partnership: InitiativePartner, *, accept: bool) -> str:
    names = {
        "name": partnership.organisation.name,
        "title": partnership.initiative.title,
    }
    if accept:
        return _("%(name)s is now named as a partner of %(title)s.") % names
    return _("You declined the invitation to %(title)s.") % names


# The member's dashboard ------------------------------------------------------------


@dataclass
class DashboardEntry:
    """One of the user's initiatives as the dashboard shows it."""

    initiative: Initiative
    explanation: str

    @property
    def can_edit(self) -> bool:
        # The user is a member of its owner (the dashboard lists only those),
        # so this is initiative_can_edit without a query per initiative.
        return (
            self.initiative.status != ModerationStatus.SUSPENDED
            and self.initiative.owner.status == ModerationStatus.APPROVED
        )


@require_safe
@verified_email_required
def my_initiatives(request):
    initiatives = Paginator(
        selectors.initiatives_of_user(user=request.user), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    invitations = Paginator(
        selectors.invitations_of_user(user=request.user).order_by("-invited_at", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("invitations"))
    return TemplateResponse(
        request,
        "projects/my_initiatives.html",
        {
            "initiatives": initiatives,
            "entries": [
                DashboardEntry(initiative, _explanation(initiative))
                for initiative in initiatives
            ],
            "invitations": invitations,
            "statuses": ModerationStatus,
            "answers": InvitationAnswerForm,
            "can_register": selectors.organisations_that_can_register(
                user=request.user
            ).exists(),
            "initiatives_query": _query_without(request, "page"),
            "invitations_query": _query_without(request, "invitations"),
        },
    )
