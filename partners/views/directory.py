"""The public directory of approved organisations and each one's page."""

from django.http import Http404


def organisation_list(request):
    raise Http404  # Placeholder: the directory is being built.


def organisation_detail(request, slug):
    raise Http404  # Placeholder: the organisation page is being built.
