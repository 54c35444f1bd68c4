/* wagtail-stadtteil: the booking form, enhanced. Without this script every
   free time is a link that opens the form filled in; with it, the click fills
   in date and times at once, keeps what was typed, and says so to screen
   readers. It also moves the focus to the error summary after a round with
   errors. No libraries. */
(function () {
  "use strict";
  var form = document.getElementById("booking-form");
  if (!form) {
    return;
  }
  var summary = document.getElementById("booking-errors");
  if (summary) {
    summary.focus();
  }
  var status = document.getElementById("booking-filled");
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-stadtteil-slot]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    var values = {
      date: link.getAttribute("data-date"),
      start_time: link.getAttribute("data-start-time"),
      end_time: link.getAttribute("data-end-time")
    };
    var names = Object.keys(values);
    for (var i = 0; i < names.length; i++) {
      if (!form.elements[names[i]] || !values[names[i]]) {
        return; // let the link do its work
      }
    }
    event.preventDefault();
    names.forEach(function (name) {
      form.elements[name].value = values[name];
    });
    if (status) {
      status.textContent = (status.getAttribute("data-message") || "") + " " + link.textContent.trim();
    }
    form.elements.date.focus();
  });
})();
