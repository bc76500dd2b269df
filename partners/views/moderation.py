"""The moderators' side of the registry in the Wagtail admin: the queue of
organisations, their history, corrections and decisions. Every write goes
through ``partners.services``; ``partners.wagtail_hooks`` puts these views
together on the organisations' snippet viewset."""

from datetime import datetime, timedelta

import django_filters
from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_countries import countries
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import EditView, IndexView, InspectView

from partners import selectors, services
from partners.models import ModerationAction, ModerationStatus, Organisation

QUEUE_URL_NAME = "wagtailsnippets_partners_organisation:list"
DECIDE_URL_NAME = "wagtailsnippets_partners_organisation:decide"
AGE_CHOICES = [
    ("7", _("More than 7 days ago")),
    ("30", _("More than 30 days ago")),
]
DECISION_CHOICES = [
    (ModerationAction.APPROVE, _("Approve: the profile becomes public")),
    (
        ModerationAction.REQUEST_CHANGES,
        _("Request changes: the owners edit the profile and send it back"),
    ),
    (ModerationAction.REJECT, _("Reject: the profile stays hidden")),
    (ModerationAction.SUSPEND, _("Suspend: hide a profile that was public")),
]
REASON_REQUIRED = _("Please give a reason: the owners will read it.")


def queue_url() -> str:
    """The organisations that await review, oldest first."""
    return f"{reverse(QUEUE_URL_NAME)}?status={ModerationStatus.PENDING}"


def decide_url(organisation: Organisation) -> str:
    return reverse(DECIDE_URL_NAME, args=(quote(organisation.pk),))


def organisations_named(queryset, query: str):
    """The admin's search: names and short names containing ``query``."""
    return queryset.filter(Q(name__icontains=query) | Q(short_name__icontains=query))


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """Organisations are registered on the site or imported, never added in
    the admin; only moderators see them there. ``moderate`` is the
    ``partners.moderate_organisation`` permission."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if not selectors.is_moderator(user):
            return False
        return action == "moderate" or super().user_has_permission(user, action)


# The queue -------------------------------------------------------------------


def _country_choices():
    codes = selectors.organisation_countries()
    return sorted(((code, countries.name(code)) for code in codes), key=_label)


def _label(choice):
    return str(choice[1])


class OrganisationFilterSet(WagtailFilterSet):
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=_country_choices, empty_label=_("All")
    )
    age = django_filters.ChoiceFilter(
        label=_("Registered"),
        choices=AGE_CHOICES,
        method="filter_age",
        widget=forms.RadioSelect,
        empty_label=_("Any time"),
    )
    outdated = django_filters.BooleanFilter(
        label=_("Outdated"), method="filter_outdated", widget=BooleanRadioSelect
    )

    class Meta:
        model = Organisation
        fields = ["status", "sector", "kind", "country", "source", "age", "outdated"]

    def filter_age(self, queryset, name, value):
        if not value:
            return queryset
        before = timezone.now() - timedelta(days=int(value))
        return queryset.filter(created_at__lte=before)

    def filter_outdated(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(stale_since__isnull=not value)


class OrganisationIndexView(IndexView):
    """The moderation queue."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The name leads to the history and the decision, not into editing.
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            get_title_id=lambda organisation: f"snippet_{organisation.pk}_title",
            **kwargs,
        )

    @cached_property
    def header_buttons(self):
        count = selectors.organisations_awaiting_review().count()
        awaiting = HeaderButton(
            _("Awaiting review (%(count)s)") % {"count": count},
            url=queue_url(),
            icon_name="tasks",
        )
        return [*super().header_buttons, awaiting]

    def get_list_more_buttons(self, instance):
        review = ListingButton(
            _("Review"),
            url=decide_url(instance),
            icon_name="tasks",
            attrs={"aria-label": _("Review “%(name)s”") % {"name": instance}},
            priority=5,
        )
        return [review, *super().get_list_more_buttons(instance)]


# One organisation ------------------------------------------------------------


class OrganisationInspectView(InspectView):
    """An organisation's profile with its moderation history and members."""

    template_name = "partners/admin/organisation_inspect.html"

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("Review"), url=decide_url(self.object), icon_name="tasks")
        ]

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "–"
        if isinstance(value, datetime):
            # Wagtail would show UTC here; the history below is in local time.
            return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        return value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = selectors.organisation_decisions(
            organisation=self.object
        )
        context["memberships"] = selectors.organisation_members(
            organisation=self.object
        )
        return context


class OrganisationEditView(EditView):
    """Moderators correct a profile here; the status is not in the form."""

    def save_instance(self):
        # Django's form already set or cleared the logo on the instance, which
        # a plain value in ``fields`` cannot express.
        fields = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name != "logo"
        }
        organisation = services.organisation_correct(
            organisation=self.form.instance,
            moderator=self.request.user,
            fields=fields,
        )
        log(organisation, "wagtail.edit", user=self.request.user)
        return organisation


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Needed for every decision but approval. The owners receive it by "
            "e-mail, so write it to them."
        ),
    )


class OrganisationDecideView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """A moderator approves, rejects, requests changes to or suspends one
    organisation. The decision is kept in its history and e-mailed to its
    owners once saved."""

    model = Organisation
    permission_required = "moderate"
    form_class = DecisionForm
    template_name = "partners/admin/organisation_decide.html"
    page_title = _("Review")
    header_icon = "tasks"
    index_url_name = None
    inspect_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Organisation, pk=unquote(str(kwargs["pk"])))

    def get_initial(self):
        return {"action": self.request.GET.get("action")}

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Organisation._meta.verbose_name_plural),
            },
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.page_title, "sublabel": str(self.object)},
        ]

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def form_valid(self, form):
        try:
            services.organisation_decide(
                organisation=self.object,
                moderator=self.request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("reason", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your decision on “%(name)s” is saved; its owners will be e-mailed.")
            % {"name": self.object},
        )
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action_url=self.request.path,
            submit_button_label=_("Save decision"),
            decisions=selectors.organisation_decisions(organisation=self.object)[:5],
            inspect_url=self.inspect_url,
        )
        return context


# The dashboard ---------------------------------------------------------------


class ModerationQueuePanel(Component):
    """ "N organisations await review" on a moderator's admin dashboard."""

    name = "organisations_awaiting_review"
    template_name = "partners/admin/moderation_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        return {
            "count": selectors.organisations_awaiting_review().count(),
            "queue_url": queue_url(),
        }
