from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    EmailFormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.models import SocialImageMixin
from publications.models.mixins import ClassifiedMixin


class ExpertIndexPage(SocialImageMixin, Page):
    """The hub's experts, to continue the conversation with."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["publications.ExpertPage"]
    max_count_per_parent = 1
    template = "publications/expert_index_page.html"

    class Meta:
        verbose_name = _("expert index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["experts"] = (
            ExpertPage.objects.child_of(self)
            .live()
            .select_related("photo")
            .prefetch_related("photo__renditions")
        )
        return context


class ExpertFormField(AbstractFormField):
    page = ParentalKey(
        "publications.ExpertPage", related_name="form_fields", on_delete=models.CASCADE
    )


class ExpertPage(SocialImageMixin, ClassifiedMixin, AbstractEmailForm):
    """An expert of the hub, with a contact form. The expert's address stays
    private: enquiries are e-mailed to it by a background task."""

    role = models.CharField(_("role"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = models.TextField(_("biography"))
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("role"),
        FieldPanel("organisation_name"),
        FieldPanel("photo"),
        FieldPanel("biography"),
        *ClassifiedMixin.classification_panels,
        InlinePanel("form_fields", label=_("Contact form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    parent_page_types = ["publications.ExpertIndexPage"]
    subpage_types = []
    template = "publications/expert_page.html"
    landing_page_template = "publications/expert_page_landing.html"

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def process_form_submission(self, form):
        # Store the enquiry, and mail it from a worker once it is committed:
        # no SMTP call inside the visitor's request.
        from publications.tasks import send_expert_enquiry

        # Skip EmailFormMixin, which would send the mail right here.
        submission = super(EmailFormMixin, self).process_form_submission(form)
        if self.to_address:
            transaction.on_commit(lambda: send_expert_enquiry.delay(submission.pk))
        return submission


class EnquiryDelivery(models.Model):
    """When an expert enquiry was e-mailed, so that a retried task never sends
    it twice."""

    submission = models.OneToOneField(
        "wagtailforms.FormSubmission", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enquiry delivery")

    def __str__(self):
        return f"{self.submission_id}: {self.sent_at or 'pending'}"
