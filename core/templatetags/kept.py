"""`{% kept_fragment "name" key… %}…{% endkept_fragment %}`: markup rendered once per data version.

For the parts of a page that only a change of public data changes and that cost the most to
render (a topic's tallies, every party's split): an uncached page, a new filter combination or a
page past the first renders them once per version instead of on every request. Everything the
fragment shows must be named by its keys or be the same on every page that shows it. Only
under `public_page`, which pins the version a page is rendered from; elsewhere it just renders.

`{% kept_each row in rows "name" key… %}…{% endkept_each %}`: a loop whose every row is such a
fragment, named by the keys and the row's primary key. All rows are looked up at once, and the
rows themselves are read only for those not kept (see core.pagination.KeptRows). The body sees
the row, not `forloop`: a kept row must not depend on where it falls in a page.
"""

from django import template
from django.utils.safestring import mark_safe

from core.caching import each_per_data_version, per_data_version, rendering_public_page

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


class KeptEachNode(template.Node):
    def __init__(self, nodelist, variable, rows, keys):
        self.nodelist = nodelist
        self.variable = variable
        self.rows = rows
        self.keys = keys

    def render_row(self, context, row) -> str:
        with context.push({self.variable: row}):
            return str(self.nodelist.render(context))

    def render(self, context):
        rows = self.rows.resolve(context) or []
        if not rendering_public_page():
            return mark_safe("".join(self.render_row(context, row) for row in rows))
        keys = getattr(rows, "keys", None)
        if keys is None:
            keys = [row.pk for row in rows]
        prefix = "html:" + ":".join(str(key.resolve(context)) for key in self.keys)

        def render_missing(missing):
            by_key = {row.pk: row for row in rows}
            return {key: self.render_row(context, by_key[key]) for key in missing}

        kept = each_per_data_version({key: f"{prefix}:{key}" for key in keys}, render_missing)
        return mark_safe("".join(kept[key] for key in keys))


@register.tag
def kept_each(parser, token):
    bits = token.split_contents()
    if len(bits) < 5 or bits[2] != "in":
        raise template.TemplateSyntaxError(
            'kept_each is written {% kept_each row in rows "name" key… %}'
        )
    keys = [parser.compile_filter(bit) for bit in bits[4:]]
    nodelist = parser.parse(("endkept_each",))
    parser.delete_first_token()
    return KeptEachNode(nodelist, bits[1], parser.compile_filter(bits[3]), keys)
