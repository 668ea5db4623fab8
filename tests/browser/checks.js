// The in-page half of tests/browser/checks.py: an object of functions that
// `page.evaluate` calls. Each returns a list of readable problems (empty: fine).
({
  // (b) At the current width: does the document scroll sideways, may any text break inside
  // a word, is any word split over two lines? `allowed` is a selector for elements whose
  // text may break anywhere (hashes, codes).
  reflow(allowed) {
    const problems = [];
    const doc = document.documentElement;
    const describe = (el) => {
      let text = el.tagName.toLowerCase();
      if (el.id) text += "#" + el.id;
      if (el.classList.length) text += "." + [...el.classList].join(".");
      const words = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
      return words ? `${text} ("${words}")` : text;
    };
    const clipped = ["auto", "scroll", "hidden", "clip"];
    const scrollsInside = (el) => {
      for (let node = el.parentElement; node && node !== doc; node = node.parentElement) {
        if (clipped.includes(getComputedStyle(node).overflowX)) return true;
      }
      return false;
    };
    if (doc.scrollWidth > doc.clientWidth) {
      const tooWide = [...document.body.querySelectorAll("*")].filter(
        (el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5 && !scrollsInside(el),
      );
      const outermost = tooWide.filter((el) => !tooWide.some((o) => o !== el && o.contains(el)));
      problems.push(
        `the page scrolls sideways: ${doc.scrollWidth}px wide in a ${doc.clientWidth}px ` +
          `window; too wide: ${outermost.slice(0, 5).map(describe).join(", ") || "unknown"}`,
      );
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const styled = new Set();
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent.trim()) continue;
      if (el.closest(allowed) || el.closest("script, style, template, noscript")) continue;
      if (!styled.has(el)) {
        styled.add(el);
        const style = getComputedStyle(el);
        const anywhere = style.overflowWrap === "anywhere";
        if (anywhere || style.wordBreak === "break-all" || style.wordBreak === "break-word") {
          problems.push(
            `${describe(el)} may break inside words ` +
              `(overflow-wrap: ${style.overflowWrap}; word-break: ${style.wordBreak})`,
          );
        }
      }
      // A "word" here runs between spaces, hyphens, dashes, slashes and soft hyphens: the
      // places where a line may legitimately break.
      for (const match of node.textContent.matchAll(/[^\s\-\u2010-\u2014/\u00ad]{2,}/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
        const lines = new Set(rects.map((rect) => Math.round(rect.top)));
        if (lines.size > 1) {
          problems.push(`the word "${match[0]}" in ${describe(el)} is split over ${lines.size} lines`);
        }
      }
    }
    return problems;
  },

  // (c) Every id that aria attributes and label[for] point at exists, exactly once.
  references() {
    const problems = [];
    const attributes = [
      "aria-describedby", "aria-labelledby", "aria-controls", "aria-owns",
      "aria-activedescendant", "aria-errormessage", "aria-details", "aria-flowto",
    ];
    const labelable = "input:not([type=hidden]), select, textarea, button, meter, output, progress";
    const check = (el, attribute, id) => {
      const found = document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length;
      const tag = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
      if (found === 0) problems.push(`${tag} ${attribute}="${id}": no element has this id`);
      if (found > 1) problems.push(`${tag} ${attribute}="${id}": ${found} elements have this id`);
    };
    for (const attribute of attributes) {
      for (const el of document.querySelectorAll(`[${attribute}]`)) {
        const ids = el.getAttribute(attribute).trim().split(/\s+/).filter(Boolean);
        for (const id of ids) check(el, attribute, id);
      }
    }
    for (const label of document.querySelectorAll("label[for]")) {
      check(label, "for", label.htmlFor);
      const target = document.getElementById(label.htmlFor);
      if (target && !target.matches(labelable)) {
        problems.push(`label for="${label.htmlFor}" names a ${target.tagName.toLowerCase()}, which cannot be labelled`);
      }
    }
    return problems;
  },
})
