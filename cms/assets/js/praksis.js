// Praksis's own behaviour on top of htmx. The Content-Security-Policy allows no inline
// script and no eval, so what htmx would otherwise do with hx-on or "js:" values lives here.
(function () {
  "use strict";

  // Autosaving forms (the journal: they carry data-save-failed) send a rising counter
  // with each save, so a save that arrives late never overwrites a newer one.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.matches("form[data-save-failed]")) {
      event.detail.parameters.seq = Date.now();
    }
  });

  // A save that did not reach the server, or came back empty, says so; the text stays.
  function showSaveFailed(event, onlyWithoutAnswer) {
    var form = event.detail.elt.closest("form[data-save-failed]");
    if (!form) return;
    if (onlyWithoutAnswer && event.detail.xhr && event.detail.xhr.responseText) return;
    var status = form.querySelector(".save-status");
    if (status) status.textContent = form.dataset.saveFailed;
  }
  document.addEventListener("htmx:sendError", function (event) {
    showSaveFailed(event, false);
  });
  document.addEventListener("htmx:responseError", function (event) {
    showSaveFailed(event, true);
  });
})();
