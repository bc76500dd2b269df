"""The "Registry moderators" group: people who work the queue of organisations
in the admin and may do nothing else there (no pages, images or users)."""

from django.db import migrations

GROUP = "Registry moderators"
# (app label, model, codename, name) of each permission the group holds.
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("partners", "organisation", "moderate_organisation", "Can moderate organisations"),
    ("partners", "organisation", "view_organisation", "Can view organisation"),
    ("partners", "organisation", "change_organisation", "Can change organisation"),
]


def create_group(apps, schema_editor):
    # Permissions are normally made after migrating; make ours now so that the
    # group can be given them in the same step.
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


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_search_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # These give choosing images and documents to every group that may use
        # the admin; after them, they leave ours alone.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
