// GOV.UK error summary: after a failed submit the summary takes focus, so keyboard and
// screen-reader users start at the list of errors; each link moves focus to its field
// (for a field in a fieldset, the fieldset's legend stays in view above it).
(function () {
    "use strict";
    var summary = document.querySelector("[data-error-summary]");
    if (!summary || summary.getAttribute("data-focused") === "true") { return; }
    summary.setAttribute("data-focused", "true");
    summary.focus();
    summary.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
        if (!link) { return; }
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        event.preventDefault();
        var anchor = target.closest("fieldset") ? target.closest("fieldset").querySelector("legend") : null;
        if (!anchor) {
            var label = document.querySelector("label[for='" + target.id + "']");
            anchor = label || target;
        }
        anchor.scrollIntoView();
        target.focus({ preventScroll: true });
    });
}());
