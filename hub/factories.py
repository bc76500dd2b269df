import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from hub.models import HomePage, HubPartner, StandardPage, Theme, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall(
        "set_password", "a-Long-test-passphrase"
    )

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Pass ``verified=True`` for a user whose e-mail address is confirmed."""
        if create:
            user.save()
            if extracted:
                user.emailaddress_set.create(
                    email=user.email, primary=True, verified=True
                )


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    summary = factory.Faker("sentence")
    locale = factory.LazyFunction(Locale.get_default)


class HubPartnerFactory(DjangoModelFactory):
    class Meta:
        model = HubPartner

    name = factory.Sequence(lambda n: f"Partner {n}")
    url = factory.Sequence(lambda n: f"https://partner{n}.example.org/")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Home {n}")
    intro = factory.Faker("sentence")


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    intro = factory.Faker("sentence")
