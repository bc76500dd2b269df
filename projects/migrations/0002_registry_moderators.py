"""Registry moderators work the queue of initiatives too."""

from django.db import migrations

GROUP = "Registry moderators"
# (app label, model, codename, name) of each permission the group gains.
PERMISSIONS = [
    ("projects", "initiative", "moderate_initiative", "Can moderate initiatives"),
    ("projects", "initiative", "view_initiative", "Can view initiative"),
    ("projects", "initiative", "change_initiative", "Can change initiative"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="projects",
                codename__in=[codename for _, _, codename, _ in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initiatives"),
        ("partners", "0003_registry_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
