/* Twinning Hub: small progressive enhancements. Every flow also works without this file. */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // Forms marked data-autosubmit submit when a select changes (the button stays for no-JS use).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.tagName === "SELECT") {
      form.requestSubmit();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target) return;
    // After boosted navigation, move focus to the main region so keyboard and screen-reader
    // users start at the new content; after a targeted swap, announce the result.
    if (event.detail.boosted || target === document.body) {
      var main = document.getElementById("main");
      if (main) main.focus({ preventScroll: true });
      return;
    }
    var summary = target.querySelector(".form-summary, [autofocus]");
    if (summary) summary.focus();
  });

  // New content may carry a sentence for screen readers (data-announce). Look in the whole
  // document after settling: with an outerHTML swap the old target is gone.
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-announce]:not([data-announced])").forEach(function (el) {
      el.setAttribute("data-announced", "");
      announce(el.getAttribute("data-announce"));
    });
  });

  document.addEventListener("htmx:responseError", function () {
    var body = document.body;
    announce(body.getAttribute("data-error-message") || "Error");
  });
  document.addEventListener("htmx:sendError", function () {
    announce(document.body.getAttribute("data-network-message") || "Network error");
  });
})();
