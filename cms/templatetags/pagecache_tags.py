"""``{% fragment "name" vary_on... %}...{% endfragment %}``: a part of a page that every
visitor sees alike, rendered once per page-cache generation (``cms.pagecache``).

The scheme, host and language are always part of the key; add what else the part depends
on (the page, the path). Never wrap what differs per visitor: a form's CSRF token, a
search query, a banner, messages.
"""

from django import template
from django.core.exceptions import DisallowedHost
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import pagecache

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.nodelist.render(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        with context.push():
            html = pagecache.cached_fragment(
                self.name.resolve(context),
                lambda: str(self.nodelist.render(context)),
                request.scheme,
                host,
                get_language(),
                *vary_on,
            )
        return mark_safe(html)  # noqa: S308 - the output of our own templates


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
