"""Strings of the shared templates this app owns (templates/components/header.html,
unit_menu.html, footer.html). Those templates live outside the app, so
``makemessages`` run in sitepages/ would not find them; listing them here keeps them in
the app's catalogue. Nothing imports this module."""

from django.utils.translation import gettext_noop

COMPONENT_STRINGS = [
    gettext_noop("Sub-units of %(title)s"),
    gettext_noop("All units"),
    gettext_noop("Useful links"),
    gettext_noop("Follow us"),
    gettext_noop("Units of the university"),
    gettext_noop("Units"),
    gettext_noop("Units are listed here once editors publish them."),
    gettext_noop("Contact"),
    gettext_noop("Services"),
    gettext_noop("Search the portal"),
    gettext_noop("Search"),
    gettext_noop(
        "All information users submit to this portal is confidential and protected by the "
        "university."
    ),
]
