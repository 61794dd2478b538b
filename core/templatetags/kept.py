"""`{% kept_fragment "name" key… %}…{% endkept_fragment %}`: markup rendered once per data version.

For the parts of a page that only a change of public data changes and that cost the most to
render (a topic's tallies, every party's split): an uncached page, a new filter combination or a
page past the first renders them once per version instead of on every request. Everything the
fragment shows must be named by its keys or be the same on every page that shows it. Only
under `public_page`, which pins the version a page is rendered from; elsewhere it just renders.
"""

from django import template
from django.utils.safestring import mark_safe

from core.caching import per_data_version, rendering_public_page

register = template.Library()


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, keys):
        self.nodelist = nodelist
        self.keys = keys

    def render(self, context):
        if not rendering_public_page():
            # Outside a public page (a preview, an email) nothing pins the version it shows.
            return self.nodelist.render(context)
        name = "html:" + ":".join(str(key.resolve(context)) for key in self.keys)
        return mark_safe(per_data_version(name, lambda: str(self.nodelist.render(context))))


@register.tag
def kept_fragment(parser, token):
    keys = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not keys:
        raise template.TemplateSyntaxError("kept_fragment needs a name")
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, keys)
