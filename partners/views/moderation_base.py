"""What every moderation queue in the Wagtail admin shares, whatever it
moderates: organisations here, initiatives in ``projects`` (which builds on
this module; nothing here knows of it). A queue is a snippet viewset whose
statuses change only through a decision view and bulk actions, with each
record's history, corrections that leave the status alone, and a dashboard
count. Subclasses name the model, its services and its wording."""

from datetime import datetime, timedelta

import django_filters
from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_countries import countries
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import StatusFlagColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
)

from partners.models import ModerationStatus

AGE_CHOICES = [
    ("7", _("More than 7 days ago")),
    ("30", _("More than 30 days ago")),
]
# The Registry menu's own hook: a viewset with this ``menu_hook`` appears in
# it, so that other apps' queues join the organisations' there.
REGISTRY_MENU_HOOK = "register_registry_menu_item"
REASON_REQUIRED = _("Please give a reason: the owners will read it.")


def records_named(queryset, fields, query: str):
    """The admin's search: records with ``query`` in any of ``fields``."""
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__icontains": query})
    return queryset.filter(match)


class ModerationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are made on the site or imported, never added in the
    admin; only holders of ``moderate_permission`` see them there, and
    ``moderate`` is that permission."""

    def __init__(self, model, *, moderate_permission: str, **kwargs):
        super().__init__(model, **kwargs)
        self.moderate_permission = moderate_permission

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if not (user.is_authenticated and user.has_perm(self.moderate_permission)):
            return False
        return action == "moderate" or super().user_has_permission(user, action)


def register_moderation(model, *, moderate_permission: str, bulk_actions, panel):
    """Wire a queue into the admin beside its viewset: only holders of
    ``moderate_permission`` reach it, its ``bulk_actions`` appear in the
    listing and ``panel`` (a component class) on their dashboard."""
    register_permission_policy(
        model,
        ModerationPermissionPolicy(model, moderate_permission=moderate_permission),
    )
    for bulk_action in bulk_actions:
        hooks.register("register_bulk_action", bulk_action)

    def add_queue_panel(request, panels):
        if request.user.has_perm(moderate_permission):
            panels.append(panel())

    hooks.register("construct_homepage_panels", add_queue_panel)


# The queue -------------------------------------------------------------------


def _is_pending(record) -> bool:
    return record.status == ModerationStatus.PENDING


def status_column():
    """The status as a tag, highlighted while it awaits review."""
    return StatusTagColumn(
        "status",
        accessor="get_status_display",
        label=_("Status"),
        sort_key="status",
        primary=_is_pending,
    )


def flag_column(name: str, field_name: str, label):
    """A flag shown where the date ``field_name`` is set."""
    return StatusFlagColumn(
        name,
        accessor=lambda record: getattr(record, field_name) is not None,
        label=label,
        true_label=label,
        sort_key=field_name,
    )


# Export headings every queue shares.
EXPORT_HEADINGS = {
    "get_country_display": _("Country"),
    "get_status_display": _("Status"),
    "get_source_display": _("Source"),
}


def _label(choice):
    return str(choice[1])


def country_filter(country_codes):
    """A filter on the countries that ``country_codes()`` returns, by name."""

    def choices():
        named = ((code, countries.name(code)) for code in country_codes())
        return sorted(named, key=_label)

    return django_filters.ChoiceFilter(
        label=_("Country"), choices=choices, empty_label=_("All")
    )


def age_filter(label):
    """Older than 7 or 30 days, counted from the filterset's ``age_field``."""
    return django_filters.ChoiceFilter(
        label=label,
        choices=AGE_CHOICES,
        method="filter_age",
        widget=forms.RadioSelect,
        empty_label=_("Any time"),
    )


def flag_filter(label, field_name: str):
    """Yes: ``field_name`` (a date) is set; no: it is empty."""
    return django_filters.BooleanFilter(
        label=label,
        field_name=field_name,
        method="filter_is_set",
        widget=BooleanRadioSelect,
    )


class ModerationFilterSet(WagtailFilterSet):
    age_field = "created_at"

    def filter_age(self, queryset, name, value):
        if not value:
            return queryset
        before = timezone.now() - timedelta(days=int(value))
        return queryset.filter(**{f"{self.age_field}__lte": before})

    def filter_is_set(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(**{f"{name}__isnull": not value})


class ModerationIndexView(IndexView):
    """The moderation queue: each title leads to the record's history, each
    row has a "Review" button, the header counts what awaits review."""

    decide_url_name = None

    def awaiting_review(self):
        raise NotImplementedError

    def queue_url(self) -> str:
        return f"{reverse(self.index_url_name)}?status={ModerationStatus.PENDING}"

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The title leads to the history and the decision, not into editing.
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            get_title_id=lambda record: f"snippet_{record.pk}_title",
            **kwargs,
        )

    @cached_property
    def header_buttons(self):
        count = self.awaiting_review().count()
        awaiting = HeaderButton(
            _("Awaiting review (%(count)s)") % {"count": count},
            url=self.queue_url(),
            icon_name="tasks",
        )
        return [*super().header_buttons, awaiting]

    def get_list_more_buttons(self, instance):
        review = ListingButton(
            _("Review"),
            url=reverse(self.decide_url_name, args=(quote(instance.pk),)),
            icon_name="tasks",
            attrs={"aria-label": _("Review “%(name)s”") % {"name": instance}},
            priority=5,
        )
        return [review, *super().get_list_more_buttons(instance)]


# One record ------------------------------------------------------------------


class ModerationInspectView(InspectView):
    """A record with its moderation history (``decisions()``) and a button
    to review it."""

    decide_url_name = None

    def decisions(self):
        raise NotImplementedError

    @cached_property
    def header_buttons(self):
        url = reverse(self.decide_url_name, args=(quote(self.object.pk),))
        return [HeaderButton(_("Review"), url=url, icon_name="tasks")]

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "–"
        if isinstance(value, datetime):
            # Wagtail would show UTC here; the history below is in local time.
            return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        return value

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "decisions": self.decisions()}


def status_panel(*read_only):
    """The status and its reason (and ``read_only`` fields), shown but not
    edited: they change only through a decision."""
    fields = ("status", "status_reason", *read_only)
    return MultiFieldPanel(
        [FieldPanel(name, read_only=True) for name in fields], heading=_("Moderation")
    )


def location_panel():
    fields = ("city", "country", "latitude", "longitude")
    return MultiFieldPanel([FieldPanel(name) for name in fields], heading=_("Location"))


def classification_fields():
    """Themes and goals as lists of boxes to tick."""
    return [
        FieldPanel(name, widget=forms.CheckboxSelectMultiple)
        for name in ("themes", "sustainable_development_goals")
    ]


def source_panel():
    """Where the record came from, which corrections leave alone."""
    return MultiFieldPanel(
        [FieldPanel(name, read_only=True) for name in ("source", "external_id")],
        heading=_("Source"),
    )


class CorrectionEditView(EditView):
    """Moderators correct a record here through ``correct(fields)``, a
    service that leaves the status alone; the status is not in the form."""

    # Fields Django's form already set on the instance, which a plain value
    # in ``fields`` cannot express (such as clearing a file).
    set_by_form = ()

    def correct(self, fields: dict):
        raise NotImplementedError

    def save_instance(self):
        fields = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name not in self.set_by_form
        }
        record = self.correct(fields)
        log(record, "wagtail.edit", user=self.request.user)
        return record


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Needed for every decision but approval. The owners receive it by "
            "e-mail, so write it to them."
        ),
    )

    def __init__(self, *args, decision_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = decision_choices


class ModerationDecideView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """A moderator approves, rejects, requests changes to or suspends one
    record; the record's ``decide_service`` keeps the decision in its
    history and mails its owners once saved."""

    permission_required = "moderate"
    form_class = DecisionForm
    page_title = _("Review")
    header_icon = "tasks"
    model = None
    index_url_name = None
    inspect_url_name = None
    # (action, label): what each decision does, in the owners' terms.
    decision_choices = ()
    # "The whole profile, its members and its history" and the like.
    inspect_link_label = ""
    success_message = _(
        "Your decision on “%(name)s” is saved; its owners will be e-mailed."
    )
    # The service that records a decision and the selector of the history,
    # both taking the record by the keyword ``record_name``.
    record_name = ""
    decide_service = None
    decisions_selector = None

    def decide(self, action: str, reason: str):
        self.decide_service(
            **{self.record_name: self.object},
            moderator=self.request.user,
            action=action,
            reason=reason,
        )

    def decisions(self):
        return self.decisions_selector(**{self.record_name: self.object})

    def get_queryset(self):
        return self.model._default_manager.all()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            self.get_queryset(), pk=unquote(str(kwargs["pk"]))
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "decision_choices": self.decision_choices}

    def get_initial(self):
        return {"action": self.request.GET.get("action")}

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.page_title, "sublabel": str(self.object)},
        ]

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def form_valid(self, form):
        try:
            self.decide(form.cleaned_data["action"], form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": self.object})
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action_url=self.request.path,
            submit_button_label=_("Save decision"),
            decisions=self.decisions()[:5],
            inspect_url=self.inspect_url,
            inspect_link_label=self.inspect_link_label,
        )
        return context


class ModerationViewSet(SnippetViewSet):
    """A snippet viewset with a decision view beside the usual ones; records
    are never copied here."""

    inspect_view_enabled = True
    copy_view_enabled = False
    decide_view_class = ModerationDecideView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            decide_url_name=self.get_url_name("decide"), **kwargs
        )

    @property
    def decide_view(self):
        return self.construct_view(self.decide_view_class)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"decide/<{self.pk_path_converter}:pk>/",
                self.decide_view,
                name="decide",
            ),
        ]


# The dashboard ---------------------------------------------------------------


class ModerationQueuePanel(Component):
    """Counts of what awaits a moderator on their admin dashboard: each of
    ``lines()`` is (sentence, address, link text)."""

    template_name = "partners/admin/moderation_panel.html"
    order = 90
    panel_id = ""
    heading = ""

    def lines(self):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {
            "panel_id": self.panel_id,
            "heading": self.heading,
            "lines": self.lines(),
        }
