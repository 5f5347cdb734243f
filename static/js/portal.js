// Small progressive enhancements; every page works without JavaScript.
(function () {
    "use strict";

    function setOpen(button, list, open) {
        button.setAttribute("aria-expanded", String(open));
        list.classList.toggle("is-open", open);
    }

    // The unit menu collapses into a button on phones.
    document.querySelectorAll(".menu-toggle, .links-toggle").forEach(function (button) {
        var list = document.getElementById(button.getAttribute("aria-controls"));
        if (!list) { return; }
        button.addEventListener("click", function () {
            setOpen(button, list, button.getAttribute("aria-expanded") !== "true");
        });
    });

    // Sub-unit dropdowns follow the disclosure pattern: a button next to the unit's
    // link opens its list; Escape closes it and gives focus back to the button;
    // one dropdown is open at a time; a click or focus elsewhere closes it.
    var toggles = Array.prototype.slice.call(document.querySelectorAll(".submenu-toggle"));
    function closeAll(except) {
        toggles.forEach(function (other) {
            if (other === except) { return; }
            var list = document.getElementById(other.getAttribute("aria-controls"));
            if (list) { setOpen(other, list, false); }
        });
    }
    toggles.forEach(function (button) {
        var list = document.getElementById(button.getAttribute("aria-controls"));
        if (!list) { return; }
        var item = button.parentNode;
        button.addEventListener("click", function () {
            var open = button.getAttribute("aria-expanded") !== "true";
            closeAll(button);
            setOpen(button, list, open);
        });
        item.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                setOpen(button, list, false);
                button.focus();
            }
        });
        item.addEventListener("focusout", function (event) {
            if (event.relatedTarget && !item.contains(event.relatedTarget)) {
                setOpen(button, list, false);
            }
        });
    });
    document.addEventListener("click", function (event) {
        if (!event.target.closest || !event.target.closest(".unit-menu-item")) { closeAll(null); }
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

    // A home tile whose text changes by the minute (who is online for live chat) asks
    // its own address: the page itself may come from the page cache.
    document.querySelectorAll("[data-live-url]").forEach(function (element) {
        if (!window.fetch) { return; }
        fetch(element.getAttribute("data-live-url"), {
            credentials: "same-origin",
            headers: { "Accept": "application/json" }
        }).then(function (response) {
            return response.ok ? response.json() : null;
        }).then(function (data) {
            if (data && typeof data.description === "string" && data.description) {
                element.textContent = data.description;
            }
        }).catch(function () { /* the text the page came with stays */ });
    });

}());
