from django import template

from courses.models import catalogue_programmes

register = template.Library()


@register.simple_tag
def live_programmes():
    """``{% live_programmes as programmes %}``: the published, public programmes by title,
    each once in the visitor's language where translated (the home page lists them
    without its model knowing the courses app)."""
    return catalogue_programmes()
