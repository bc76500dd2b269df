import os

from django.core.wsgi import get_wsgi_application

# A served process is production unless told otherwise.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")

application = get_wsgi_application()
