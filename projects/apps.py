from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Initiatives")

    def ready(self):
        from partners.importers import FollowUpImporter, follow_up_register
        from partners.models import DataSource
        from projects.importers import cordis

        # `import_cordis` imports the projects as initiatives after the
        # organisations they belong to.
        follow_up_register(
            DataSource.CORDIS,
            FollowUpImporter(label=_("Initiatives"), run=cordis.initiatives_import),
        )
