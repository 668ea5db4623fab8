"""Template tags for the page frame and the shared components in templates/includes/."""

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from cms.frontend import VENDOR_STYLESHEETS

register = template.Library()


@register.simple_tag
def vendor_stylesheets():
    """``{% vendor_stylesheets %}``: the <link>s for the packages in cms.frontend, in order."""
    links = ((static(path),) for path in VENDOR_STYLESHEETS)
    return format_html_join("\n  ", '<link rel="stylesheet" href="{}">', links)


@register.simple_tag(takes_context=True)
def aria_current(context, url, prefix=False):
    """`` aria-current="page"`` when the request is for `url` (or, with prefix=True, for a
    page below it), so the navigation shows where the reader is; else nothing."""
    request = context.get("request")
    if request is None or not url:
        return ""
    url = str(url)
    here = request.path == url or (prefix and url != "/" and request.path.startswith(url))
    return mark_safe(' aria-current="page"') if here else ""


@register.tag
def scrollregion(parser, token):
    """A table that may be wider than the screen, in a keyboard-focusable scroll region
    named by its caption::

        {% scrollregion labelledby="matrix-caption" sticky=True %}
          <table> <caption id="matrix-caption">…</caption> … </table>
        {% endscrollregion %}

    ``sticky=True`` keeps the first column (the row headers) in view while scrolling."""
    bits = token.split_contents()[1:]
    options = {}
    for bit in bits:
        name, equals, value = bit.partition("=")
        if not equals or name not in {"labelledby", "sticky"}:
            raise template.TemplateSyntaxError(
                'scrollregion takes labelledby="<caption id>" and optionally sticky=True'
            )
        options[name] = parser.compile_filter(value)
    if "labelledby" not in options:
        raise template.TemplateSyntaxError('scrollregion needs labelledby="<caption id>"')
    nodelist = parser.parse(("endscrollregion",))
    parser.delete_first_token()
    return ScrollRegionNode(nodelist, options)


class ScrollRegionNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.options.items()}
        return render_to_string(
            "includes/scroll_region.html",
            {
                "labelledby": values["labelledby"],
                "sticky": bool(values.get("sticky")),
                "table": self.nodelist.render(context),
            },
        )
