from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from partners.models.moderation import (
    ORGANISATION_STATUSES,
    ModerationDecisionBase,
    ModerationStatus,
)
from partners.validators import validate_logo


class HelixSector(models.TextChoices):
    """The four helices of the quadruple helix."""

    GOVERNMENT = "government", _("Government")
    BUSINESS = "business", _("Business")
    KNOWLEDGE = "knowledge", _("Knowledge institution")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    PROVINCE = "province", _("Province or region")
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    PUBLIC_BODY = "public_body", _("Other public body")
    START_UP = "start_up", _("Start-up")
    SME = "sme", _("Small or medium-sized enterprise")
    LARGE_COMPANY = "large_company", _("Large company")
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    UNIVERSITY_OF_APPLIED_SCIENCES = (
        "university_of_applied_sciences",
        _("University of applied sciences"),
    )
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    NGO = "ngo", _("Non-governmental organisation")
    FOUNDATION = "foundation", _("Foundation")
    ASSOCIATION = "association", _("Association or network")
    CITIZEN_COLLECTIVE = "citizen_collective", _("Citizen collective")


# Which kinds belong to which helix; the registration form offers them grouped.
SECTOR_KINDS = {
    HelixSector.GOVERNMENT: [
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.PROVINCE,
        OrganisationKind.NATIONAL_GOVERNMENT,
        OrganisationKind.PUBLIC_BODY,
    ],
    HelixSector.BUSINESS: [
        OrganisationKind.START_UP,
        OrganisationKind.SME,
        OrganisationKind.LARGE_COMPANY,
        OrganisationKind.COMPANY,
    ],
    HelixSector.KNOWLEDGE: [
        OrganisationKind.UNIVERSITY,
        OrganisationKind.UNIVERSITY_OF_APPLIED_SCIENCES,
        OrganisationKind.RESEARCH_INSTITUTE,
    ],
    HelixSector.CIVIL_SOCIETY: [
        OrganisationKind.NGO,
        OrganisationKind.FOUNDATION,
        OrganisationKind.ASSOCIATION,
        OrganisationKind.CITIZEN_COLLECTIVE,
    ],
}


class DataSource(models.TextChoices):
    REGISTERED = "registered", _("Registered on the hub")
    CORDIS = "cordis", _("CORDIS, European Commission")


# Shown wherever imported data appears: its licence requires it.
SOURCE_ATTRIBUTION = {
    DataSource.CORDIS: _(
        "Source: CORDIS, European Commission (© European Union), reused under "
        "CC BY 4.0."
    ),
}

RECONFIRMATION_INTERVAL_DAYS = 365


class ExpertiseTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+"
    )


class OfferTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+"
    )


class SeekTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+"
    )


class OrganisationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ModerationStatus.APPROVED)

    def of_member(self, user):
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    """A municipality, company, knowledge institution or civil-society group
    that presents itself so that others can find it and work with it.

    Registered by a signed-in user (who becomes its first owner) or imported
    from open data; public only once a moderator approved it.
    """

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name or acronym"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    # Blank only for imported records whose source does not say.
    sector = models.CharField(
        _("helix sector"), max_length=20, choices=HelixSector.choices, blank=True
    )
    kind = models.CharField(
        _("kind of organisation"),
        max_length=40,
        choices=OrganisationKind.choices,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    website = models.URLField(_("website"), blank=True, max_length=300)
    # The website's host without "www.", for spotting duplicates.
    website_domain = models.CharField(
        _("website domain"), max_length=253, blank=True, db_index=True, editable=False
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="organisations/logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 2 MB."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    themes = models.ManyToManyField(
        "hub.Theme",
        verbose_name=_("themes"),
        blank=True,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        related_name="organisations",
    )
    sustainable_development_goals = models.ManyToManyField(
        "hub.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="organisations",
    )
    expertise = TaggableManager(
        verbose_name=_("expertise"),
        through=ExpertiseTag,
        blank=True,
        related_name="organisations_with_expertise",
    )
    offers = models.TextField(_("what it offers"), blank=True, max_length=2000)
    offer_tags = TaggableManager(
        verbose_name=_("offers (tags)"),
        through=OfferTag,
        blank=True,
        related_name="organisations_offering",
    )
    seeks = models.TextField(_("what it seeks"), blank=True, max_length=2000)
    seek_tags = TaggableManager(
        verbose_name=_("seeks (tags)"),
        through=SeekTag,
        blank=True,
        related_name="organisations_seeking",
    )
    contact_email = models.EmailField(
        _("public contact e-mail"),
        blank=True,
        help_text=_("Shown on the public page. Leave empty to show none."),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=DataSource.choices,
        default=DataSource.REGISTERED,
    )
    external_id = models.CharField(
        _("external id"),
        max_length=40,
        blank=True,
        help_text=_("The id at the source, such as the EU participant id (PIC)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ORGANISATION_STATUSES,
        default=ModerationStatus.PENDING,
        db_index=True,
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    reconfirmed_at = models.DateTimeField(
        _("last confirmed by its owners at"), null=True, blank=True
    )
    reconfirmation_reminder_sent_at = models.DateTimeField(
        _("reconfirmation reminder sent at"), null=True, blank=True
    )
    stale_since = models.DateTimeField(
        _("outdated since"),
        null=True,
        blank=True,
        help_text=_("Set when the owners did not reconfirm the profile in time."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [("moderate_organisation", _("Can moderate organisations"))]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_external_id_per_source",
            )
        ]
        indexes = [
            models.Index(fields=["status", "sector", "country"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("partners:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == ModerationStatus.APPROVED

    @property
    def attribution(self):
        return SOURCE_ATTRIBUTION.get(self.source, "")

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class OrganisationDecision(ModerationDecisionBase):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )

    class Meta(ModerationDecisionBase.Meta):
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
