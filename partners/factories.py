import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from hub.factories import UserFactory
from partners.models import (
    HelixSector,
    JoinRequest,
    MemberRole,
    Membership,
    ModerationStatus,
    Organisation,
    OrganisationKind,
)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    sector = HelixSector.GOVERNMENT
    kind = OrganisationKind.MUNICIPALITY
    description = factory.Faker("paragraph")
    website = factory.Sequence(lambda n: f"https://organisation{n}.example.org/")
    website_domain = factory.Sequence(lambda n: f"organisation{n}.example.org")
    city = "Utrecht"
    country = "NL"
    latitude = 52.09083
    longitude = 5.12222
    status = ModerationStatus.APPROVED
    reconfirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def owner(organisation, create, extracted, **kwargs):
        """Pass ``owner=user`` to give the organisation that owner."""
        if create and extracted:
            Membership.objects.create(
                organisation=organisation, user=extracted, role=MemberRole.OWNER
            )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, verified=True)
    role = MemberRole.EDITOR


class JoinRequestFactory(DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, verified=True)
    message = "We work on the same street lighting project."
