from django.db import migrations

from hub.sdgs import sustainable_development_goals_sync


def load_goals(apps, schema_editor):
    sustainable_development_goals_sync(apps.get_model("hub", "SustainableDevelopmentGoal"))


class Migration(migrations.Migration):
    dependencies = [("hub", "0002_site_core")]

    operations = [migrations.RunPython(load_goals, migrations.RunPython.noop)]
