from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Initiatives")

    def ready(self):
        from hub.personal_data import register_exporter
        from partners import events
        from projects import following, following_hooks

        # The registry tells us of organisations approved or updated (it may
        # not import this app); Wagtail tells us of articles published.
        events.on_organisation_changed(following.notifications_record_for_organisation)
        following_hooks.connect()
        register_exporter("following", following.personal_data)
