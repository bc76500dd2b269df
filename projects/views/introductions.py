"""Introductions on the member's side: asking another organisation for one,
the page of requests made and received, and answering them. Who may do what
is decided in ``projects.introductions``."""

from allauth.account.decorators import verified_email_required
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from partners import selectors as partner_selectors
from partners.models import Organisation
from projects import introductions
from projects.models import Introduction, IntroductionStatus
from projects.models.matching import INTRODUCTION_EXPIRY

PAGE_SIZE = 20
MESSAGE_MAX_LENGTH = Introduction._meta.get_field("message").max_length


class IntroductionForm(forms.Form):
    requester = forms.ModelChoiceField(
        label=gettext_lazy("Which of your organisations asks"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Please choose which of your organisations asks."),
            "invalid_choice": gettext_lazy(
                "Please choose one of your organisations from the list."
            ),
        },
    )
    # No maxlength attribute: a browser would cut a pasted message short
    # without a word; the server says how long it is instead.
    message = forms.CharField(
        label=gettext_lazy("Your message"),
        help_text=gettext_lazy(
            "Say who you are and why you would like to be introduced, in at "
            "most 1,000 characters. Your contact details are shared only if "
            "they accept."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[
            MaxLengthValidator(
                MESSAGE_MAX_LENGTH,
                message=gettext_lazy(
                    "Please shorten your message to at most %(limit_value)d "
                    "characters; it has %(show_value)d."
                ),
            )
        ],
        error_messages={
            "required": gettext_lazy(
                "Please write a short message: say who you are and why you would "
                "like to be introduced."
            )
        },
    )
    initiative = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, requesters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester"].queryset = requesters
        self.only_requester = requesters[0] if len(requesters) == 1 else None
        if self.only_requester is not None:
            # Nothing to choose: the member's one organisation asks.
            self.fields["requester"].widget = forms.HiddenInput()
            self.fields["requester"].required = False

    def clean_requester(self):
        return self.cleaned_data["requester"] or self.only_requester


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            (introductions.ACCEPT, introductions.ACCEPT),
            (introductions.DECLINE, introductions.DECLINE),
        ]
    )


# Asking ------------------------------------------------------------------------------


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def introduction_ask(request, slug):
    recipient = introductions.recipient_for_ask(slug=slug)
    if recipient is None:
        raise Http404(_("There is no organisation at this address."))
    user = request.user
    data = request.POST if request.method == "POST" else None
    initiative = introductions.initiative_for_ask(
        slug=(data or request.GET).get("initiative", "")
    )
    requesters = list(
        introductions.organisations_that_can_ask(user=user, recipient=recipient)
    )
    if initiative is not None and initiative.owner_id not in {
        recipient.pk,
        *(requester.pk for requester in requesters),
    }:
        initiative = None  # about neither side: the request is about none
    open_requests = list(
        introductions.open_from(requesters=requesters, recipient=recipient)
    )
    asked = {introduction.requester_id for introduction in open_requests}
    available = [requester for requester in requesters if requester.pk not in asked]
    is_member = (
        partner_selectors.membership_of(user=user, organisation=recipient) is not None
    )
    limited = introductions.rate_limit_reached(user=user)
    form = None
    if available and not is_member and (data is not None or not limited):
        form = IntroductionForm(
            data,
            requesters=_requesters_queryset(available),
            initial=_initial(initiative, available),
        )
    if form is not None and form.is_bound and form.is_valid():
        introduction = _ask(request, form, recipient)
        if introduction is not None:
            return redirect(introductions.introduction_url(introduction))
    return TemplateResponse(
        request,
        "projects/introduction_ask.html",
        {
            "recipient": recipient,
            "initiative": initiative,
            "is_member": is_member,
            "has_organisation": bool(requesters),
            "open_requests": open_requests,
            "limited": limited and form is None,
            "limit_message": introductions.rate_limit_message(),
            "expiry_days": INTRODUCTION_EXPIRY.days,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _requesters_queryset(available):
    # The form validates the choice against a queryset of the same rows.
    return Organisation.objects.filter(pk__in=[o.pk for o in available]).order_by(
        "name", "pk"
    )


def _initial(initiative, available) -> dict:
    initial = {"initiative": initiative.slug if initiative else ""}
    if initiative is not None and initiative.owner_id in {o.pk for o in available}:
        initial["requester"] = initiative.owner_id
    return initial


def _ask(request, form, recipient):
    """Send the request; on a refusal, say why on the form, keeping what was
    typed."""
    initiative = introductions.initiative_for_ask(slug=form.cleaned_data["initiative"])
    try:
        introduction = introductions.introduction_request(
            user=request.user,
            requester=form.cleaned_data["requester"],
            recipient=recipient,
            message=form.cleaned_data["message"],
            initiative=initiative,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(
        request,
        _(
            "Your request has been sent to %(name)s. Its owners are e-mailed; you "
            "will hear by e-mail when they answer."
        )
        % {"name": recipient.name},
    )
    return introduction


# The member's page ----------------------------------------------------------------


def _query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@require_safe
@verified_email_required
def my_introductions(request):
    user = request.user
    incoming = Paginator(
        introductions.introductions_incoming(user=user), PAGE_SIZE
    ).get_page(request.GET.get("incoming"))
    outgoing = Paginator(
        introductions.introductions_outgoing(user=user), PAGE_SIZE
    ).get_page(request.GET.get("outgoing"))
    return TemplateResponse(
        request,
        "projects/my_introductions.html",
        {
            "incoming": incoming,
            "outgoing": outgoing,
            "statuses": IntroductionStatus,
            "incoming_query": _query_without(request, "incoming"),
            "outgoing_query": _query_without(request, "outgoing"),
        },
    )


@require_safe
@verified_email_required
def introduction_detail(request, pk):
    introduction = introductions.introduction_for_user(user=request.user, pk=pk)
    if introduction is None:
        raise Http404(_("There is no introduction at this address."))
    is_recipient = introductions.introduction_can_answer(
        user=request.user, introduction=introduction
    )
    expired = introductions.introduction_has_expired(introduction)
    return TemplateResponse(
        request,
        "projects/introduction_detail.html",
        {
            "introduction": introduction,
            "statuses": IntroductionStatus,
            "is_recipient": is_recipient,
            "expired": expired,
            "can_answer": is_recipient
            and introduction.status == IntroductionStatus.PENDING
            and not expired,
            "answers": introductions,
            "requester_contact": introductions.contact_of(
                introduction, side="requester"
            ),
            "recipient_contact": introductions.contact_of(
                introduction, side="recipient"
            ),
        },
    )


@require_POST
def introduction_answer(request, pk):
    detail_url = introductions.introduction_url(Introduction(pk=pk))
    if not request.user.is_authenticated:
        return redirect_to_login(detail_url)
    return _answer(request, pk, detail_url)


@verified_email_required
def _answer(request, pk, detail_url):
    introduction = introductions.introduction_for_user(user=request.user, pk=pk)
    if introduction is None:
        raise Http404(_("There is no introduction at this address."))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please accept or decline the request."))
        return redirect(detail_url)
    accept = form.cleaned_data["answer"] == introductions.ACCEPT
    try:
        introductions.introduction_answer(
            introduction=introduction, user=request.user, accept=accept
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(detail_url)
    names = {"name": introduction.requester.name}
    if accept:
        messages.success(
            request,
            _(
                "You accepted the request of %(name)s. You can now see each "
                "other's contact details, and they are e-mailed yours."
            )
            % names,
        )
    else:
        messages.success(
            request,
            _("You declined the request of %(name)s. They are told by e-mail.") % names,
        )
    return redirect(detail_url)
