// Small progressive enhancements; every page works without JavaScript.
(function () {
    "use strict";

    // The unit menu collapses into a button on phones.
    document.querySelectorAll(".menu-toggle").forEach(function (button) {
        var list = document.getElementById(button.getAttribute("aria-controls"));
        if (!list) { return; }
        button.addEventListener("click", function () {
            var open = button.getAttribute("aria-expanded") === "true";
            button.setAttribute("aria-expanded", String(!open));
            list.classList.toggle("is-open", !open);
        });
    });

    // Banners a visitor dismissed stay hidden for that visitor, per notice.
    var storageKey = "portal-dismissed-banners";
    var dismissed = [];
    try { dismissed = JSON.parse(window.localStorage.getItem(storageKey) || "[]"); } catch (e) { dismissed = []; }
    document.querySelectorAll("[data-banner-key]").forEach(function (banner) {
        var key = banner.getAttribute("data-banner-key");
        if (dismissed.indexOf(key) !== -1) { banner.hidden = true; return; }
        var button = banner.querySelector(".banner-dismiss");
        if (!button) { return; }
        button.addEventListener("click", function () {
            banner.hidden = true;
            dismissed.push(key);
            try { window.localStorage.setItem(storageKey, JSON.stringify(dismissed.slice(-50))); } catch (e) { /* private mode */ }
        });
    });
}());
