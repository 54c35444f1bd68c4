/* wagtail-stadtteil: progress of a spreadsheet import in the admin. While the
   form's POST runs (the check of every row, or the import), the page asks the
   server once a second how far it has come and shows it in a <progress> bar
   with a status line for screen readers. Without this script the form works
   the same; the page just waits. It also moves the focus to the error summary
   after a check with problems. No libraries, no inline code (CSP). */
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
      return;
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

    window.setInterval(poll, 1000);
  }

  var forms = document.querySelectorAll("form[data-stadtteil-import]");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function () {
      watch(form);
    });
  });
})();
