"""StreamField blocks of SLA statements."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def validate_link(value):
    if value and not value.startswith(("/", "https://", "http://", "mailto:", "tel:")):
        raise ValidationError(
            _("Give a full address (https://...), a path on this site (/...), mailto: or tel:.")
        )


class ContactChannelBlock(blocks.StructBlock):
    """One way to reach the university, as the statement's introduction lists them."""

    text = blocks.TextBlock(label=_("text"))
    link = blocks.CharBlock(
        label=_("link"),
        required=False,
        validators=[validate_link],
        help_text=_("Where this channel starts, e.g. /desk/ or tel:08633690000."),
    )
    link_label = blocks.CharBlock(label=_("link label"), required=False)

    class Meta:
        icon = "link"
        label = _("contact channel")
        template = "sla/blocks/contact_channel.html"
