from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Initiatives")

    def ready(self):
        from partners import events
        from partners.importers import FollowUpImporter, follow_up_register
        from partners.models import DataSource
        from projects import following, following_hooks
        from projects.importers import cordis
        from projects.matching import jobs as matching

        # `import_cordis` imports the projects as initiatives after the
        # organisations they belong to.
        follow_up_register(
            DataSource.CORDIS,
            FollowUpImporter(label=_("Initiatives"), run=cordis.initiatives_import),
        )
        # The registry tells us of organisations approved, updated or taken
        # off the hub (it may not import this app); Wagtail tells us of
        # articles published.
        events.on_organisation_changed(following.notifications_record_for_organisation)
        events.on_organisation_changed(matching.organisation_changed)
        following_hooks.connect()
