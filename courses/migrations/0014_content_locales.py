"""The content languages as Wagtail Locales, and the existing page tree in the platform's
source language (nb): translations get a tree per locale beside it (README, Content
translation)."""

from django.db import migrations

LANGUAGES = ("nb", "da", "de", "en")
HOME_TREE_LANGUAGE = "nb"


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home_tree = Locale.objects.get(language_code=HOME_TREE_LANGUAGE)
    # Only a single-locale tree (no translations yet) is put in the source language.
    if Page.objects.filter(depth__gte=2).values("locale").distinct().count() <= 1:
        Page.objects.filter(depth__gte=1).update(locale=home_tree)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0013_translation_sync"),
        ("cms", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
