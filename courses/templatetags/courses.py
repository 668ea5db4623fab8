from django import template

from courses.models import ProgrammePage

register = template.Library()


@register.simple_tag
def live_programmes():
    """``{% live_programmes as programmes %}``: the published, public programmes by title
    (the home page lists them without its model knowing the courses app)."""
    return ProgrammePage.objects.live().public().order_by("title")
