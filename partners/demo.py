"""The registry's part of the demo site: approved organisations from all four
helices, one awaiting review and, on a site with DEBUG on, a member to sign in
as. Registered with ``hub.demo`` and run by ``manage.py load_demo_content``;
what exists already (by slug, or the member by e-mail) is left as is."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from hub.demo import demo_loader
from hub.models import Theme
from partners import demo_content, geography, services
from partners.models import Membership, ModerationStatus, Organisation

RELATED = ("themes", "goals", "expertise", "offer_tags", "seek_tags")


@demo_loader
def partners_demo_load(*, home, dutch, created, notes) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale=home.locale)}
    for content in demo_content.ORGANISATIONS:
        if not Organisation.objects.filter(slug=content["slug"]).exists():
            organisation = _organisation_add(content, themes)
            created.append(f"organisation: {organisation.name}")


# Defined after ``partners_demo_load``, so that the organisations are there.
@demo_loader
def demo_member_load(*, home, dutch, created, notes) -> None:
    """The demo member, a member of a few demo organisations, and how to sign
    in as it. Never with DEBUG off: anyone who has read the README would know
    the password of an account on a site others can reach."""
    member = demo_content.DEMO_MEMBER
    if not settings.DEBUG:
        notes.append(
            f"Skipped the demo member {member['email']}: DEBUG is off, and an "
            "account whose password is published must not exist on a site "
            "that others may reach."
        )
        return
    user = _demo_user(member, created)
    _demo_memberships(user, member["organisations"], created)
    notes.append(
        f"Sign in at {reverse('account_login')} as {member['email']} with the "
        f"password {member['password']}."
    )


def _demo_user(member: dict, created: list[str]):
    user = get_user_model().objects.filter(email__iexact=member["email"]).first()
    if user is not None:
        return user
    user = get_user_model()(
        username=member["email"],
        email=member["email"],
        first_name=member["first_name"],
        last_name=member["last_name"],
    )
    user.set_password(member["password"])
    user.save()
    # Verified already: the address is not real, so no confirmation can come.
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    created.append(f"demo member: {user.email}")
    return user


def _demo_memberships(user, roles: dict[str, str], created: list[str]) -> None:
    for organisation in Organisation.objects.filter(slug__in=roles):
        role = roles[organisation.slug]
        _, is_new = Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
        if is_new:
            created.append(f"membership: {user.email} ({role}) – {organisation}")


def _organisation_add(content: dict, themes: dict) -> Organisation:
    fields = {name: value for name, value in content.items() if name not in RELATED}
    fields.setdefault("status", ModerationStatus.APPROVED)
    organisation = Organisation(
        **fields,
        website_domain=services.website_domain(fields.get("website", "")),
        reconfirmed_at=timezone.now(),
    )
    coordinates = geography.city_coordinates(
        city=organisation.city, country=str(organisation.country)
    )
    if coordinates:
        organisation.latitude, organisation.longitude = coordinates
    organisation.full_clean()
    organisation.save()
    organisation.themes.set([themes[slug] for slug in content.get("themes", ())])
    organisation.sustainable_development_goals.set(content.get("goals", ()))
    for name in ("expertise", "offer_tags", "seek_tags"):
        getattr(organisation, name).set(content.get(name, ()))
    return organisation
