import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects.models import (
    Initiative,
    InitiativePartner,
    InitiativeStage,
    Introduction,
    IntroductionOrigin,
    PartnerState,
)


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    summary = factory.Faker("sentence", nb_words=14)
    description = factory.Faker("paragraph")
    stage = InitiativeStage.RUNNING
    owner = factory.SubFactory(OrganisationFactory)
    city = "Utrecht"
    country = "NL"
    latitude = 52.09083
    longitude = 5.12222
    status = ModerationStatus.APPROVED
    submitted_at = factory.LazyFunction(timezone.now)


class InitiativePartnerFactory(DjangoModelFactory):
    class Meta:
        model = InitiativePartner

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    state = PartnerState.CONFIRMED


class IntroductionFactory(DjangoModelFactory):
    class Meta:
        model = Introduction

    requester = factory.SubFactory(OrganisationFactory)
    recipient = factory.SubFactory(OrganisationFactory)
    origin = IntroductionOrigin.ORGANISATION_PAGE
    message = "We light streets too; could we compare notes?"
    requested_by = factory.SubFactory(UserFactory, verified=True)
