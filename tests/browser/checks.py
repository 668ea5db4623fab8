"""The checks every page gets in the browser tests: ``check_page(page, "name")``.

Call it on each page a test visits and again in every state that matters (after an htmx
swap, with errors shown, with a menu open). It checks the page as it is now, at desktop
width (1280 px) and at 320 px, and then restores the viewport:

(a) axe-core (from node_modules, installed by `make setup`) with the WCAG 2.0, 2.1 and 2.2
    A and AA rules reports no violations. axe is injected as a script tag, which the
    content security policy would block: the browser context is opened with Playwright's
    ``bypass_csp=True`` (tests/browser/conftest.py). The CSP still applies to the page's
    own scripts and styles in the sense that matters: the page adds none inline.
(b) at 320 px the document does not scroll sideways (a wide table may scroll inside its
    own box), no element with text uses ``overflow-wrap: anywhere`` or
    ``word-break: break-all|break-word``, and no word is split across two lines, except
    inside elements marked as allowed (ALLOWED_BREAKS: hashes, codes, URLs).
(c) every id named by aria-describedby, aria-labelledby, aria-controls (and the other
    id-reference attributes) and by label[for] exists, once.
(d) a screenshot goes to build/screenshots/<name>-<width>.png (ignored by git).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_PACKAGE = AXE.with_name("package.json")
SCREENSHOTS = ROOT / "build" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 800}
# Elements whose text may break anywhere: machine strings people copy rather than read.
ALLOWED_BREAKS = ".hash, .break-anywhere, code, kbd, samp, pre"

# The in-page checks: an object literal of functions, evaluated fresh on each call.
PAGE_CHECKS = (Path(__file__).with_name("checks.js")).read_text(encoding="utf-8")


def check_page(
    page, name: str | None = None, *, full_page: bool = True, known: tuple[str, ...] = ()
) -> None:
    """Run checks (a)–(d) on the page in its current state; fail with every problem found.

    `known` names problems that only a change elsewhere can fix (an axe rule id, or words
    from the problem line), each with a comment saying where. They are tolerated while they
    occur; once one no longer occurs the check fails, so the exception is removed."""
    name = name or slug(page.url)
    original = page.viewport_size or DESKTOP
    problems: list[str] = []
    try:
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            page.evaluate("document.fonts.ready.then(() => true)")
            width = viewport["width"]
            problems += [f"[{width}px] axe: {line}" for line in axe_violations(page)]
            problems += [f"[{width}px] {line}" for line in broken_references(page)]
            if width <= PHONE["width"]:
                problems += [f"[{width}px] {line}" for line in reflow_problems(page)]
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=full_page)
    finally:
        page.set_viewport_size(original)
    unseen = [text for text in known if not any(text in line for line in problems)]
    problems = [line for line in problems if not any(text in line for text in known)]
    problems += [f"known problem no longer occurs (remove it from known=): {t}" for t in unseen]
    assert not problems, f"{name} ({page.url}):\n  " + "\n  ".join(problems)


def screenshots(page, name: str, widths: tuple[int, ...] = (1280, 375)) -> list[Path]:
    """Screenshots of the top of the page at desktop and phone widths, for the README
    (build/screenshots/readme/<name>-<width>.png, copied to docs/screenshots/)."""
    original = page.viewport_size or DESKTOP
    taken = []
    (SCREENSHOTS / "readme").mkdir(parents=True, exist_ok=True)
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900 if width > 600 else 812})
            page.evaluate("document.fonts.ready.then(() => true)")
            path = SCREENSHOTS / "readme" / f"{name}-{width}.png"
            page.screenshot(path=str(path))
            taken.append(path)
    finally:
        page.set_viewport_size(original)
    return taken


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations, one readable line per element."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `make setup` to install the npm packages")
    version = json.loads(AXE_PACKAGE.read_text(encoding="utf-8"))["version"]
    # Wagtail's user bar brings its own, older axe for editors: always run the pinned one.
    if page.evaluate("() => window.axe && window.axe.version") != version:
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"][:8]:
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} "
                f"— {' '.join(map(str, node['target']))} — {summary} — {violation['helpUrl']}"
            )
    return lines


def reflow_problems(page) -> list[str]:
    """Sideways scrolling of the document, and words that are (or may be) broken."""
    return page.evaluate(f"(allowed) => ({PAGE_CHECKS}).reflow(allowed)", ALLOWED_BREAKS)


def broken_references(page) -> list[str]:
    """aria id references and label[for] that name no element, or more than one."""
    return page.evaluate(f"() => ({PAGE_CHECKS}).references()")


def slug(url: str) -> str:
    path = re.sub(r"^https?://[^/]+", "", url).split("?")[0].strip("/")
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
