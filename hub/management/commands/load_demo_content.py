from django.core.management.base import BaseCommand

from hub.demo import demo_content_load


class Command(BaseCommand):
    help = "Build the demo site (home, about and statement pages in EN and NL, themes)."

    def handle(self, *args, **options):
        created = demo_content_load()
        for line in created:
            self.stdout.write(f"  created {line}")
        summary = f"{len(created)} objects created." if created else "Nothing to do."
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {summary}"))
