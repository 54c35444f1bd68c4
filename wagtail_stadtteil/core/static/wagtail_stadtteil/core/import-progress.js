/* wagtail-stadtteil: progress of a spreadsheet import in the admin. While the
   form's POST runs (the check of every row, or the import), the page asks the
   server once a second how far it has come and shows it in a <progress> bar
   with a status line for screen readers. Without this script the form works
   the same; the page just waits. It also moves the focus to the error summary
   after a check with problems, and sends each form once: a second click on
   "Import" (a double click) does nothing while the first one runs (the server
   refuses a second confirmation too). No libraries, no inline code (CSP). */
(function () {
  "use strict";

  var summary = document.getElementById("import-errors");
  if (summary) {
    summary.focus();
  }

  function say(box, phase, data) {
    var text = box.getAttribute("data-text-" + phase) || "";
    return text.replace("{done}", String(data.done)).replace("{total}", String(data.total));
  }

  function watch(form) {
    var box = document.getElementById(form.getAttribute("data-progress-box"));
    var url = form.getAttribute("data-progress-url");
    if (!box || !url || !window.fetch) {
      return null;
    }
    var bar = box.querySelector("progress");
    var status = box.querySelector("[role=status]");
    var spoken = -1;
    box.hidden = false;
    status.textContent = box.getAttribute("data-text-waiting") || "";

    function poll() {
      window
        .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (!data || !data.total) {
            return;
          }
          bar.max = data.total;
          bar.value = data.done;
          // Announce every tenth, not every second: a status line that never
          // stops talking is no help.
          var tenth = Math.floor((10 * data.done) / data.total);
          if (tenth !== spoken) {
            spoken = tenth;
            status.textContent = say(box, data.phase, data);
          }
        })
        .catch(function () {
          /* the next poll tries again */
        });
    }

    return window.setInterval(poll, 1000);
  }

  // The button stays focusable and keeps its text (a disabled button would
  // drop the keyboard focus); aria-disabled tells screen readers it is busy.
  function setBusy(form, busy) {
    var buttons = form.querySelectorAll("[data-stadtteil-import-submit]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (busy) {
        button.setAttribute("aria-disabled", "true");
      } else {
        button.removeAttribute("aria-disabled");
      }
    });
  }

  var forms = document.querySelectorAll("form[data-stadtteil-import]");
  Array.prototype.forEach.call(forms, function (form) {
    var sent = false;
    var polling = null;
    form.addEventListener("submit", function (event) {
      if (sent) {
        event.preventDefault();
        return;
      }
      sent = true;
      setBusy(form, true);
      polling = watch(form);
    });
    // Back to this page from the browser's history: the form may be sent again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        sent = false;
        setBusy(form, false);
        if (polling !== null) {
          window.clearInterval(polling);
          polling = null;
        }
      }
    });
  });
})();
