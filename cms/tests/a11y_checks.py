"""What the accessibility browser tests check on every page they open.

* :func:`axe_problems`: axe-core (bundled by axe-playwright-python, injected into the
  page, no CDN) with the WCAG 2.2 A/AA rules; returns the serious and critical ones.
* :func:`contrast_problems`: text contrast from computed colours. axe-core leaves out
  much Persian text (it takes the words for icon ligatures), so every visible text is
  checked here too: its colour against the first opaque background behind it.
* :func:`latin_digits` and :func:`unmarked_persian`: the language rules of the portal:
  no Latin digit in the text of a Persian page unless the element says it is Latin
  content (``dir="ltr"`` or a non-Persian ``lang``, as service and tracking codes do)
  or the digit belongs to a Latin word or code (G2B, PhD, an address),
  and no Persian letter on an English page outside an element with ``lang="fa"``.
"""

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
SERIOUS = {"serious", "critical"}

# Shared by the text checks: visible text nodes and the element that shows each.
VISIBLE_TEXTS = """
function visibleTexts() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue.trim();
        const element = node.parentElement;
        if (!text || !element || element.closest("script, style, noscript, template")) continue;
        if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        const box = element.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;  // visually hidden text
        found.push([element, text]);
    }
    return found;
}
function describe(element) {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    if (element.className && typeof element.className === "string") {
        name += "." + element.className.trim().split(/\\s+/).join(".");
    }
    return name;
}
"""


def script(body):
    """One function expression for ``page.evaluate``: the helpers, then the check."""
    return "() => {" + VISIBLE_TEXTS + body + "}"


CONTRAST = script(
    """
function parse(colour) {
    const m = colour.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
}
function luminance(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function blend(top, bottom) {
    const a = top.a;
    return {r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a),
            b: top.b * a + bottom.b * (1 - a), a: 1};
}
function background(element) {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.backgroundImage !== "none") return null;  // a picture or gradient: skip
        const c = parse(style.backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) colour = blend(layers[i], colour);
    return colour;
}
{
    const problems = [];
    const seen = new Set();
    for (const [element, text] of visibleTexts()) {
        if (seen.has(element)) continue;
        seen.add(element);
        const style = getComputedStyle(element);
        const back = background(element);
        const fore = parse(style.color);
        if (!back || !fore) continue;
        const colour = blend(fore, back);
        const [l1, l2] = [luminance(colour), luminance(back)].sort((a, b) => b - a);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const needed = large ? 3 : 4.5;
        if (ratio + 0.005 < needed) {
            problems.push(`${describe(element)} «${text.slice(0, 30)}» ${ratio.toFixed(2)}:1 < ${needed}:1`);
        }
    }
    return problems;
}
"""
)

LATIN_DIGITS = script(
    """
{
    const problems = [];
    for (const [element, text] of visibleTexts()) {
        // Latin words and codes (G2B, IT-01, an address) keep their digits.
        const bare = text.replace(/[A-Za-z0-9_.@/:-]*[A-Za-z][A-Za-z0-9_.@/:-]*/g, "");
        if (!/[0-9]/.test(bare)) continue;
        const marked = element.closest('[dir="ltr"], [lang]:not([lang="fa"]):not([lang^="fa-"])');
        if (marked && marked !== document.documentElement) continue;
        problems.push(`${describe(element)} «${text.slice(0, 40)}»`);
    }
    return problems;
}
"""
)

UNMARKED_PERSIAN = script(
    """
{
    const problems = [];
    for (const [element, text] of visibleTexts()) {
        if (!/[\\u0600-\\u06ff]/.test(text)) continue;
        const lang = element.closest("[lang]");
        if (lang && lang.getAttribute("lang").startsWith("fa")) continue;
        problems.push(`${describe(element)} «${text.slice(0, 40)}»`);
    }
    return problems;
}
"""
)


# axe-core's run, handing back only what is reported: the serious and critical
# violations with their first five elements (not the whole result, passes included).
AXE_RUN = """([options, serious]) => axe.run(document, options).then((results) =>
  results.violations.filter((violation) => serious.includes(violation.impact)).map(
    (violation) => ({id: violation.id, impact: violation.impact,
                     targets: violation.nodes.slice(0, 5).map((node) => node.target)})))"""


def axe_problems(page):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)  # once per document
    violations = page.evaluate(AXE_RUN, [AXE_OPTIONS, sorted(SERIOUS)])
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(str(target) for target in violation["targets"])
        for violation in violations
    ]


def contrast_problems(page):
    return page.evaluate(CONTRAST)


def latin_digits(page):
    return page.evaluate(LATIN_DIGITS)


def unmarked_persian(page):
    return page.evaluate(UNMARKED_PERSIAN)
