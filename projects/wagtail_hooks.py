from wagtail import hooks

# --- Initiative chooser for editors (branch "cordis") -------------------------
# Kept as its own block at the end of the file so that it merges beside the
# moderation admin's hooks.


@hooks.register("register_admin_viewset")
def register_initiative_chooser():
    from projects.views.chooser import initiative_chooser_viewset

    return initiative_chooser_viewset
