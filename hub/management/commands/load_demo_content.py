from django.core.management.base import BaseCommand

from hub.demo import demo_content_load


class Command(BaseCommand):
    help = (
        "Build the demo site (pages in EN and NL, themes, organisations, "
        "initiatives and their suggested partners, a member to sign in as)."
    )

    def handle(self, *args, **options):
        load = demo_content_load()
        for line in load.created:
            self.stdout.write(f"  created {line}")
        made = len(load.created)
        summary = f"{made} objects created." if made else "Nothing to do."
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {summary}"))
        for note in load.notes:
            self.stdout.write(f"  {note}")
