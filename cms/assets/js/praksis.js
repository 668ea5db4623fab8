// Praksis's own behaviour on top of htmx. The Content-Security-Policy allows no inline
// script and no eval, so what htmx would otherwise do with hx-on or "js:" values lives here.
(function () {
  "use strict";

  // Autosaving forms (the journal's prompts, marked data-autosave) send a rising
  // counter with each save, so a save that arrives late never overwrites a newer one.
  function autosaveForm(event) {
    var element = event.detail.elt;
    return element && element.closest ? element.closest("form[data-autosave]") : null;
  }
  document.addEventListener("htmx:configRequest", function (event) {
    if (autosaveForm(event)) event.detail.parameters.seq = Date.now();
  });

  // A save that fails says so and the text stays in the box: the server's refusal
  // (a rendered status partial) when it sent one, else the form's own message.
  function showSaveFailed(event) {
    var form = autosaveForm(event);
    if (!form) return;
    var status = form.querySelector(".save-status");
    if (!status) return;
    var answer = event.detail.xhr ? event.detail.xhr.responseText : "";
    if (answer) status.innerHTML = answer;
    else status.textContent = form.dataset.saveFailed;
  }
  document.addEventListener("htmx:sendError", showSaveFailed);
  document.addEventListener("htmx:responseError", showSaveFailed);
})();
