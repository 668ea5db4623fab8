// Autosaving journal forms (learners/journal/_prompt.html, marked data-autosave).
// Each save carries a counter (the moment it was sent), so a save that arrives late
// never overwrites a newer one; a save that fails says so, and the text stays in the box.
(function () {
  function autosaveForm(event) {
    var element = event.detail.elt;
    return element && element.closest ? element.closest("form[data-autosave]") : null;
  }
  document.addEventListener("htmx:configRequest", function (event) {
    if (autosaveForm(event)) event.detail.parameters.seq = Date.now();
  });
  function showFailure(event) {
    var form = autosaveForm(event);
    if (!form) return;
    var status = form.querySelector(".save-status");
    var answer = event.detail.xhr ? event.detail.xhr.responseText : "";
    if (answer) status.innerHTML = answer;
    else status.textContent = form.dataset.saveFailed;
  }
  document.addEventListener("htmx:sendError", showFailure);
  document.addEventListener("htmx:responseError", showFailure);
})();
