/* Twinning Hub: small progressive enhancements. Every flow also works without this file.
   - focus after boosted navigation and targeted swaps; sentences for screen readers
   - a loading bar while a request runs, and a visible, announced message when one fails
   - hx-confirm questions in an accessible <dialog> instead of window.confirm()
   - the "Menu" button of the header on narrow screens; forms that submit on change
   - glossary tooltips that Escape dismisses */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function focusElement(el) {
    if (!el) return;
    if (!el.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus({ preventScroll: false });
  }

  // --- the header's menu on narrow screens ------------------------------------------------------
  function setMenu(open) {
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }

  function initPage() {
    var toggle = document.querySelector(".nav-toggle");
    if (toggle) toggle.hidden = false;
  }
  initPage();

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".nav-toggle");
    if (toggle) {
      setMenu(toggle.getAttribute("aria-expanded") !== "true");
      return;
    }
    var dismiss = event.target.closest("[data-dismiss]");
    if (dismiss) {
      clearRequestError();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var toggle = document.querySelector(".nav-toggle[aria-expanded='true']");
    if (toggle && document.getElementById("site-menu").contains(document.activeElement)) {
      setMenu(false);
      toggle.focus();
    }
  });

  // Forms marked data-autosubmit submit when a select changes with the mouse or a tap. Changed
  // with the keyboard (arrow keys change the value at once on some systems), the page does not
  // go away under the person's fingers: they press the form's button (WCAG 3.2.2 On Input).
  var keyedSelects = new WeakSet();
  document.addEventListener("keydown", function (event) {
    if (event.target.matches && event.target.matches("form[data-autosubmit] select")) {
      keyedSelects.add(event.target);
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest) {
      var select = event.target.closest("form[data-autosubmit] select");
      if (select) keyedSelects.delete(select);
    }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.tagName === "SELECT" && !keyedSelects.has(event.target)) {
      form.requestSubmit();
    }
  });

  // --- loading and failures ---------------------------------------------------------------------
  var running = new Set();

  function quiet(elt) {
    // Polling (the bell, "new replies") runs in the background: no loading bar for it.
    var trigger = elt && elt.getAttribute && elt.getAttribute("hx-trigger");
    return Boolean(trigger && trigger.indexOf("every ") !== -1);
  }

  function requestStarted(event) {
    var detail = event.detail;
    if (quiet(detail.elt)) return;
    running.add(detail.xhr);
    root.classList.add("is-loading");
    if (detail.target && detail.target !== document.body) {
      detail.target.setAttribute("aria-busy", "true");
    }
  }

  function requestEnded(event) {
    var detail = event.detail;
    running.delete(detail.xhr);
    if (!running.size) root.classList.remove("is-loading");
    if (detail.target && detail.target.getAttribute) {
      detail.target.removeAttribute("aria-busy");
    }
  }

  function clearRequestError() {
    var box = document.getElementById("request-error");
    if (box) box.textContent = "";
  }

  function showRequestError(text) {
    var box = document.getElementById("request-error");
    if (!box) {
      announce(text);
      return;
    }
    var message = document.createElement("p");
    message.className = "flash flash-error";
    message.appendChild(document.createTextNode(text + " "));
    var dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "link-button";
    dismiss.setAttribute("data-dismiss", "");
    dismiss.textContent = box.getAttribute("data-dismiss-label") || "×";
    message.appendChild(dismiss);
    box.textContent = "";
    box.appendChild(message); // role="alert": read out at once
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    requestStarted(event);
    if (!quiet(event.detail.elt)) clearRequestError();
  });
  document.addEventListener("htmx:afterRequest", requestEnded);
  document.addEventListener("htmx:sendAbort", requestEnded);
  document.addEventListener("htmx:timeout", requestEnded);

  document.addEventListener("htmx:responseError", function (event) {
    // Boosted navigation shows the whole error page, which says what happened.
    if (event.detail.boosted) return;
    showRequestError(document.body.getAttribute("data-error-message") || "Error");
  });
  document.addEventListener("htmx:sendError", function (event) {
    requestEnded(event);
    showRequestError(document.body.getAttribute("data-network-message") || "Network error");
  });

  // --- focus after swaps ------------------------------------------------------------------------
  var focusBeforeSwap = null;
  var CONTROLS = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), " +
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    focusBeforeSwap = active && target && target.contains(active) && active !== document.body
      ? {
          id: active.id, target: target.id,
          url: active.getAttribute("hx-get") || active.getAttribute("href"),
          swaps: active.getAttribute("hx-target"),
        }
      : null;
  });

  // The control in swapped-in content that stands for the one that had focus: the same id, the
  // same link, or the first control that swaps the same region again (the "Show original" link
  // is followed by "Show the translation", which targets the same field).
  function equivalentControl(before) {
    if (before.id && document.getElementById(before.id)) return document.getElementById(before.id);
    var region = before.target && document.getElementById(before.target);
    if (!region) return null;
    var controls = Array.prototype.filter.call(region.querySelectorAll(CONTROLS), function (el) {
      return el.getClientRects().length > 0;
    });
    return controls.find(function (el) {
      return before.url && (el.getAttribute("hx-get") || el.getAttribute("href")) === before.url;
    }) || controls.find(function (el) {
      return before.swaps && el.getAttribute("hx-target") === before.swaps;
    }) || null;
  }

  // A field swapped between its original and its translation says which one it shows now: the
  // first sentence of its note, without the links ("Original in German.", "Verified translation
  // Translated from German by …"), in the page's language (templates/translations/_note.html).
  function announceTranslationNote(region) {
    if (!region || !region.matches || !region.matches(".translated")) return;
    if (region.querySelector("[data-announce]")) return; // the template says it itself
    var note = region.querySelector(".translation-note p");
    if (!note) return;
    var copy = note.cloneNode(true);
    copy.querySelectorAll("a, button, form").forEach(function (el) { el.remove(); });
    announce(copy.textContent.replace(/\s+/g, " ").trim());
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target) return;
    // After boosted navigation, move focus to the main region so keyboard and screen-reader
    // users start at the new content (or at the summary of what to correct in a form).
    if (event.detail.boosted || target === document.body) {
      setMenu(false);
      initPage();
      var summary = document.querySelector("main .form-summary");
      if (summary) { focusElement(summary); return; }
      var main = document.getElementById("main");
      if (main) main.focus({ preventScroll: true });
      return;
    }
    var wanted = target.querySelector(".form-summary, [autofocus]");
    if (wanted) { focusElement(wanted); return; }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    // New content may carry a sentence for screen readers (data-announce). Look in the whole
    // document after settling: with an outerHTML swap the old target is gone.
    document.querySelectorAll("[data-announce]:not([data-announced])").forEach(function (el) {
      el.setAttribute("data-announced", "");
      announce(el.getAttribute("data-announce"));
    });
    announceTranslationNote(event.target);
    // The element that had focus was replaced: focus its successor (the equivalent control in
    // the new content), or the region.
    var before = focusBeforeSwap;
    focusBeforeSwap = null;
    if (!before) return;
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    var successor = equivalentControl(before) ||
      (before.target && document.getElementById(before.target)) || event.detail.target;
    if (successor && successor.isConnected) focusElement(successor);
  });

  // --- glossary terms ---------------------------------------------------------------------------
  // A term's tooltip shows while the term is hovered or focused, and while the pointer is on the
  // tooltip itself (hub.css). Escape hides it without moving focus or pointer (WCAG 1.4.13); it
  // shows again the next time the term is focused or the pointer enters it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".term:hover, .term:focus, .term-tip:hover").forEach(function (el) {
      var term = el.classList.contains("term") ? el : el.previousElementSibling;
      if (term && term.classList.contains("term")) term.classList.add("tip-dismissed");
    });
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("term")) {
      event.target.classList.remove("tip-dismissed");
    }
  });
  document.addEventListener("mouseover", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("tip-dismissed");
  });

  // Tabs that load their panel with htmx: keep aria-current on the tab that was chosen.
  document.addEventListener("htmx:afterOnLoad", function (event) {
    var tab = event.detail.elt;
    if (!tab || !tab.closest || !event.detail.successful) return;
    var tabs = tab.closest(".tabs");
    if (!tabs || tab.tagName !== "A") return;
    tabs.querySelectorAll("a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    tab.setAttribute("aria-current", "page");
  });

  // --- hx-confirm in a dialog -------------------------------------------------------------------
  document.addEventListener("htmx:confirm", function (event) {
    var question = event.detail.question;
    var dialog = document.getElementById("confirm-dialog");
    if (!question || !dialog || typeof dialog.showModal !== "function") return;
    event.preventDefault();
    var confirmButton = dialog.querySelector("[data-dialog-confirm]");
    if (!confirmButton.hasAttribute("data-label")) {
      confirmButton.setAttribute("data-label", confirmButton.textContent);
    }
    // Say what will happen: the button's own words ("Leave partnership"), else "Confirm".
    var elt = event.detail.elt;
    var source = elt.matches("form") ? elt.querySelector("[type=submit]") : elt;
    var words = source && source.matches("button, input[type=submit]")
      ? (source.textContent || source.value || "").trim() : "";
    confirmButton.textContent = words || confirmButton.getAttribute("data-label");
    dialog.querySelector("#confirm-dialog-question").textContent = question;

    function close(confirmed) {
      dialog.removeEventListener("close", onClose);
      confirmButton.removeEventListener("click", onConfirm);
      cancelButton.removeEventListener("click", onCancel);
      if (dialog.open) dialog.close();
      if (confirmed) event.detail.issueRequest(true);
    }
    function onConfirm() { close(true); }
    function onCancel() { close(false); }
    function onClose() { close(false); }
    var cancelButton = dialog.querySelector("[data-dialog-cancel]");
    confirmButton.addEventListener("click", onConfirm);
    cancelButton.addEventListener("click", onCancel);
    dialog.addEventListener("close", onClose);
    dialog.showModal(); // focus goes to Cancel (autofocus); Escape cancels
  });
})();
