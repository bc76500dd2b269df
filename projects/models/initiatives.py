from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from partners.models import HelixSector, ModerationDecisionBase, ModerationStatus
from projects.validators import validate_initiative_image

MAX_IMAGES = 5
MAX_LINKS = 5


class InitiativeStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class InitiativeSource(models.TextChoices):
    REGISTERED = "registered", _("Registered on the hub")
    CORDIS = "cordis", _("CORDIS, European Commission")


# Shown wherever imported data appears: its licence requires it.
SOURCE_ATTRIBUTION = {
    InitiativeSource.CORDIS: _(
        "Source: CORDIS, European Commission (© European Union), reused under "
        "CC BY 4.0."
    ),
}


class InitiativeTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "projects.Initiative", on_delete=models.CASCADE, related_name="+"
    )


class SoughtExpertiseTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "projects.Initiative", on_delete=models.CASCADE, related_name="+"
    )


class SearchDocumentField(SearchVectorField):
    """A stored search document that only ``search_vector_refresh`` writes.
    Saving an instance leaves the column as it is (a new one starts empty):
    the instance's copy may be older than the row's, or never have been
    read, and writing it back would undo the last refresh."""

    def pre_save(self, model_instance, add):
        return None if add else models.F(self.attname)


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: approved, not paused, and owned by an approved
        organisation (a suspended owner takes its initiatives down too)."""
        return self.filter(
            status=ModerationStatus.APPROVED,
            paused_at__isnull=True,
            owner__status=ModerationStatus.APPROVED,
        )

    def of_member(self, user):
        return self.filter(owner__memberships__user=user)


class Initiative(models.Model):
    """A smart-city initiative: an idea, plan or running project that an
    organisation presents so that partners can find it and join.

    Registered by a member of an approved organisation (its owner) or imported
    from open data; public only once a moderator approved it.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists and on the map."),
    )
    description = models.TextField(_("description"), blank=True, max_length=10000)
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=InitiativeStage.choices,
        default=InitiativeStage.IDEA,
    )
    owner = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.CASCADE,
        related_name="initiatives",
    )
    partners = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("partner organisations"),
        through="projects.InitiativePartner",
        related_name="partner_in_initiatives",
        blank=True,
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
        related_name="initiatives",
    )
    sustainable_development_goals = models.ManyToManyField(
        "hub.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="initiatives",
    )
    tags = TaggableManager(
        verbose_name=_("tags"),
        through=InitiativeTag,
        blank=True,
        related_name="initiatives_tagged",
    )
    expertise_sought = TaggableManager(
        verbose_name=_("expertise sought"),
        through=SoughtExpertiseTag,
        blank=True,
        related_name="initiatives_seeking",
    )
    partners_sought = models.TextField(
        _("what partners it seeks"), blank=True, max_length=2000
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    contact_email = models.EmailField(
        _("public contact e-mail"),
        blank=True,
        help_text=_("Shown on the public page. Leave empty to show none."),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=InitiativeSource.choices,
        default=InitiativeSource.REGISTERED,
    )
    external_id = models.CharField(
        _("external id"),
        max_length=40,
        blank=True,
        help_text=_("The id at the source, such as the EU grant number."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.DRAFT,
        db_index=True,
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    submitted_at = models.DateTimeField(_("sent for review at"), null=True, blank=True)
    paused_at = models.DateTimeField(
        _("paused at"),
        null=True,
        blank=True,
        help_text=_("A paused initiative is hidden until its owners resume it."),
    )
    # Set by a significant edit while public; cleared by the next decision.
    edited_since_review_at = models.DateTimeField(
        _("edited since the last review at"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # What full-text search matches, kept by ``services.search_vector_refresh``
    # after every write to the texts, with a GIN index (migration 0006). Only
    # on PostgreSQL: on the embedded SQLite it stays empty and search reads
    # the texts themselves.
    search_vector = SearchDocumentField(null=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        permissions = [("moderate_initiative", _("Can moderate initiatives"))]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_initiative_external_id_per_source",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_it_starts",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "stage", "country"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:initiative_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.status == ModerationStatus.APPROVED
            and self.paused_at is None
            and self.owner.status == ModerationStatus.APPROVED
        )

    @property
    def is_draft(self) -> bool:
        return self.status == ModerationStatus.DRAFT

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def attribution(self):
        return SOURCE_ATTRIBUTION.get(self.source, "")

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class SoughtSector(models.Model):
    """A helix sector an initiative looks for partners in. A row each, rather
    than a list in one column, so that lists and matching can filter on it
    on SQLite as on PostgreSQL."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="sought_sectors",
    )
    sector = models.CharField(
        _("helix sector"), max_length=20, choices=HelixSector.choices
    )

    class Meta:
        ordering = ["initiative", "sector"]
        verbose_name = _("sector sought")
        verbose_name_plural = _("sectors sought")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "sector"], name="unique_sought_sector"
            )
        ]

    def __str__(self):
        return self.get_sector_display()


class InitiativeImage(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    image = models.ImageField(
        _("image"),
        upload_to="initiatives/images/",
        validators=[validate_initiative_image],
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
    )
    alt_text = models.CharField(
        _("description of the image"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["initiative", "sort_order", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt_text


class InitiativeLink(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("link text"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["initiative", "sort_order", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label


class InitiativeDecision(ModerationDecisionBase):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    # For a significant edit while public: which fields changed.
    changed_fields = models.JSONField(_("fields changed"), default=list, blank=True)

    class Meta(ModerationDecisionBase.Meta):
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
