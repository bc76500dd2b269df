import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects import services
from projects.matching.weights import ALGORITHM_VERSION, PARTS, WEIGHTS
from projects.models import (
    Initiative,
    InitiativeMatchingState,
    InitiativePartner,
    InitiativeStage,
    Introduction,
    IntroductionOrigin,
    MatchSuggestion,
    OrganisationMatchingState,
    PartnerState,
    SuggestionDirection,
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

    @factory.post_generation
    def searchable(initiative, create, extracted, **kwargs):
        # As the services do after every write of the texts.
        if create:
            services.search_vector_refresh([initiative.pk])


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


class MatchSuggestionFactory(DjangoModelFactory):
    """A suggestion as the matching jobs store it; ``parts`` defaults to a
    middling score in every part."""

    class Meta:
        model = MatchSuggestion

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    direction = SuggestionDirection.FOR_INITIATIVE
    rank = factory.Sequence(lambda n: n + 1)
    parts = factory.LazyFunction(lambda: dict.fromkeys(PARTS, 0.0))
    score = factory.LazyAttribute(
        lambda suggestion: sum(
            WEIGHTS[name] * value for name, value in suggestion.parts.items()
        )
    )
    algorithm_version = ALGORITHM_VERSION
    computed_at = factory.LazyFunction(timezone.now)


class InitiativeMatchingStateFactory(DjangoModelFactory):
    class Meta:
        model = InitiativeMatchingState

    initiative = factory.SubFactory(InitiativeFactory)
    requested_at = factory.LazyFunction(timezone.now)
    computed_at = factory.LazyAttribute(lambda state: state.requested_at)
    algorithm_version = ALGORITHM_VERSION


class OrganisationMatchingStateFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationMatchingState

    organisation = factory.SubFactory(OrganisationFactory)
    requested_at = factory.LazyFunction(timezone.now)
    computed_at = factory.LazyAttribute(lambda state: state.requested_at)
    algorithm_version = ALGORITHM_VERSION
