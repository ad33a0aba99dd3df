/* Library uploads: drag and drop, the chosen files listed, a real progress bar, cancel.
 *
 * Progressive enhancement of a plain multipart form (form[data-upload]): without this file the
 * form posts normally. With it, the form is sent with XMLHttpRequest so that upload progress
 * can be shown; the server answers like it answers htmx (HX-Request header): HX-Redirect on
 * success, the form fragment with its errors (422) otherwise, an error fragment for 413.
 * Texts come from data-* attributes (translated by the server); no inline scripts (CSP).
 */
(function () {
  "use strict";

  function formatPercent(value) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" }).format(value);
    } catch (e) {
      return Math.round(value * 100) + " %";
    }
  }

  function formatSize(bytes) {
    var lang = document.documentElement.lang || undefined;
    var units = ["byte", "kilobyte", "megabyte", "gigabyte"];
    var i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
    try {
      return new Intl.NumberFormat(lang, { style: "unit", unit: units[i], unitDisplay: "short", maximumFractionDigits: 1 }).format(bytes);
    } catch (e) {
      return bytes.toFixed(1) + " " + ["B", "KB", "MB", "GB"][i];
    }
  }

  function titleFromName(name) {
    var stem = name.replace(/\.[^.]+$/, "");
    return stem.replace(/_+/g, " ").replace(/(\S)-(\S)/g, "$1 $2").replace(/\s+/g, " ").trim();
  }

  function enhance(form) {
    if (form.getAttribute("data-enhanced")) return;
    form.setAttribute("data-enhanced", "1");
    var input = form.querySelector('input[type="file"]');
    var zone = form.querySelector("[data-dropzone]");
    var list = form.querySelector("[data-file-list]");
    var title = form.querySelector('input[name="title"]');
    var box = form.querySelector("[data-upload-progress]");
    var bar = box && box.querySelector("progress");
    var status = form.querySelector("[data-upload-status]");
    var cancel = form.querySelector("[data-upload-cancel]");
    var submit = form.querySelector('button[type="submit"]');
    var xhr = null;
    if (!input) return;

    function showFiles() {
      if (!list) return;
      list.textContent = "";
      Array.prototype.forEach.call(input.files || [], function (file) {
        var item = document.createElement("li");
        item.textContent = file.name + " (" + formatSize(file.size) + ")";
        list.appendChild(item);
      });
      if (title && input.files && input.files.length === 1) {
        title.placeholder = titleFromName(input.files[0].name);
      } else if (title) {
        title.placeholder = "";
      }
    }

    input.addEventListener("change", showFiles);

    if (zone) {
      ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (event) {
          event.preventDefault();
          zone.classList.add("is-dragover");
        });
      });
      ["dragleave", "dragend", "drop"].forEach(function (name) {
        zone.addEventListener(name, function () { zone.classList.remove("is-dragover"); });
      });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        var files = event.dataTransfer && event.dataTransfer.files;
        if (!files || !files.length) return;
        if (!input.multiple && files.length > 1) {
          var single = new DataTransfer();
          single.items.add(files[0]);
          files = single.files;
        }
        input.files = files;
        showFiles();
      });
    }

    function say(text) {
      if (status) status.textContent = text;
    }

    function finish() {
      xhr = null;
      if (submit) submit.disabled = false;
      if (cancel) cancel.hidden = true;
    }

    function replaceWith(html) {
      var region = form.parentNode;
      region.innerHTML = html;
      var fresh = region.querySelector("form[data-upload]");
      if (fresh) enhance(fresh);
      var summary = region.querySelector(".form-summary, .field-errors, .error-page");
      if (summary) {
        summary.setAttribute("tabindex", "-1");
        summary.focus();
      }
      if (window.htmx) window.htmx.process(region);
    }

    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest || xhr) return;
      event.preventDefault();
      var data = new FormData(form);
      xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("HX-Request", "true");
      xhr.setRequestHeader("HX-Current-URL", window.location.href);
      if (box) box.hidden = false;
      if (cancel) cancel.hidden = false;
      if (submit) submit.disabled = true;
      if (bar) { bar.value = 0; bar.removeAttribute("data-done"); }
      say(form.getAttribute("data-progress-label").replace("{percent}", formatPercent(0)));

      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable || !bar) return;
        var fraction = e.loaded / e.total;
        bar.value = Math.round(fraction * 100);
        say(form.getAttribute("data-progress-label").replace("{percent}", formatPercent(fraction)));
      });
      xhr.upload.addEventListener("load", function () {
        // The server has the whole file now: cancelling could no longer undo the upload.
        if (cancel) cancel.hidden = true;
        if (bar) { bar.value = 100; bar.setAttribute("data-done", "1"); }
        say(form.getAttribute("data-processing-label"));
      });
      xhr.addEventListener("load", function () {
        var target = xhr.getResponseHeader("HX-Redirect");
        var answer = xhr;
        finish();
        if (target) {
          window.location.assign(target);
          return;
        }
        if (answer.status >= 200 && answer.status < 300 && answer.responseURL && !answer.responseText) {
          window.location.assign(answer.responseURL);
          return;
        }
        if (answer.status === 422 || (answer.status >= 200 && answer.status < 300)) {
          replaceWith(answer.responseText);
          return;
        }
        // 413 (too large), 403, 500…: keep the form, say what the server said.
        var parsed = new DOMParser().parseFromString(answer.responseText || "", "text/html");
        var message = parsed.querySelector(".error-page p");
        if (bar) bar.value = 0;
        say(message ? message.textContent : form.getAttribute("data-failed-label"));
      });
      xhr.addEventListener("error", function () {
        finish();
        say(form.getAttribute("data-failed-label"));
      });
      xhr.addEventListener("abort", function () {
        finish();
        if (bar) bar.value = 0;
        say(form.getAttribute("data-cancelled-label"));
      });
      xhr.send(data);
    });

    if (cancel) {
      cancel.hidden = true;
      cancel.addEventListener("click", function () {
        if (xhr) xhr.abort();
      });
    }
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("form[data-upload]"), enhance);
  }

  enhanceAll(document);
  if (!window.hubUploadListening) {
    window.hubUploadListening = true;
    document.addEventListener("htmx:load", function (event) { enhanceAll(event.detail.elt); });
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  }
})();
