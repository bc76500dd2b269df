"""Registering, editing and joining organisations, and managing members."""

from django.http import Http404


def _placeholder(request, *args, **kwargs):
    raise Http404  # Placeholder: these pages are being built.


organisation_register = organisation_edit = organisation_join = _placeholder
organisation_members = membership_update = join_request_answer = _placeholder
organisation_reconfirm = organisation_withdraw = my_organisations = _placeholder
