"""The front-end packages every page loads, and the start-up check that they are there.

`make setup` installs them from package-lock.json into node_modules/ (npm ci, or
scripts/fetch_npm_packages.py where npm is missing); STATICFILES_DIRS serves them under
`vendor/`. Without them every page would be served unstyled, so `runserver`, `migrate`,
`check` and `collectstatic` stop with an error that says how to install them.
"""

from django.contrib.staticfiles import finders
from django.core.checks import Error

# In the order pages link them: the typeface, Designsystemet's components, its theme.
VENDOR_STYLESHEETS = (
    "vendor/inter/opsz.css",
    "vendor/inter/opsz-italic.css",
    "vendor/designsystemet/src/index.css",
    "vendor/designsystemet/theme/designsystemet.css",
)


def check_front_end_packages(app_configs, **kwargs) -> list[Error]:
    """Every vendor stylesheet the base template links must be found by staticfiles."""
    missing = [path for path in VENDOR_STYLESHEETS if not finders.find(path)]
    if not missing:
        return []
    return [
        Error(
            "The front-end packages are not installed: " + ", ".join(missing) + " not found.",
            hint=(
                "Run `make setup` (it runs `npm ci --ignore-scripts`, or "
                "scripts/fetch_npm_packages.py where npm is missing) to install the versions "
                "pinned in package-lock.json into node_modules/."
            ),
            id="cms.E001",
        )
    ]
