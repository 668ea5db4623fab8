// Praksis's own behaviour on top of htmx. The Content-Security-Policy allows no inline
// script and no eval, so what htmx would otherwise do with hx-on or "js:" values lives here.
(function () {
  "use strict";

  // The page's one persistent live region (templates/base.html) announces saves and
  // errors; it is never replaced, so screen readers hear every change of its text.
  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) return;
    // Clear first, so the same words said twice are announced twice.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // Autosaving forms (the journal's prompts and the exam, marked data-autosave) send a
  // rising counter with each save, so a save that arrives late never overwrites a newer
  // one. A plain submit of such a form carries a counter too, higher than every autosave
  // sent before it.
  function autosaveForm(event) {
    var element = event.detail.elt;
    return element && element.closest ? element.closest("form[data-autosave]") : null;
  }
  document.addEventListener("htmx:configRequest", function (event) {
    var form = autosaveForm(event);
    if (!form) return;
    event.detail.parameters.seq = Date.now();
    form.praksisSentEdits = form.praksisEdits || 0;
  });

  // A save that fails says so and the text stays in the box: the server's refusal
  // (a rendered status partial) when it sent one, else the form's own message.
  function showSaveFailed(event) {
    var form = autosaveForm(event);
    if (!form) return;
    var status = form.querySelector(".save-status, .exam-saved");
    var answer = event.detail.xhr ? event.detail.xhr.responseText : "";
    var isMarkup = answer && answer.trim().charAt(0) === "<";
    if (status) {
      if (isMarkup) status.innerHTML = answer;
      else status.textContent = answer || form.dataset.saveFailed;
    }
    announce(status ? status.textContent : form.dataset.saveFailed);
  }
  document.addEventListener("htmx:sendError", showSaveFailed);
  document.addEventListener("htmx:responseError", showSaveFailed);

  // After a successful save the form is clean again, unless the person typed on while
  // it travelled. A journal save swaps its status text in; announce it.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = autosaveForm(event);
    if (!form || !event.detail.successful) return;
    form.praksisSavedEdits = form.praksisSentEdits || 0;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var form = autosaveForm(event);
    var status = form ? form.querySelector(".save-status") : null;
    if (status && event.detail.target === status) {
      announce(status.textContent.trim());
      return;
    }
    // Swapped content marks what should be said with data-announce (the attendance
    // register's "Saved at", the module's "marked as done"). htmx keeps focus on the
    // control that has the same id in the new content, so only the words are needed.
    var swapped = event.detail.elt;
    if (!swapped || !swapped.querySelector) return;
    var said = swapped.matches("[data-announce]") ? swapped : swapped.querySelector("[data-announce]");
    if (said) announce(said.textContent.trim());
    // A ranked list's moved item keeps the focus: the swapped list marks its button.
    var focus = swapped.querySelector("[data-focus]");
    if (focus) focus.focus();
  });

  // Forms marked data-unsaved-warning (reflections, comments, hours, the exam) warn
  // before the page is left with text that was typed but not saved.
  function isDirty(form) {
    return !form.praksisSubmitting && (form.praksisEdits || 0) > (form.praksisSavedEdits || 0);
  }
  document.addEventListener("input", function (event) {
    var form = event.target.form || (event.target.closest && event.target.closest("form"));
    if (!form || !form.matches("[data-unsaved-warning], [data-autosave]")) return;
    form.praksisEdits = (form.praksisEdits || 0) + 1;
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-unsaved-warning], [data-autosave]")) return;
    var seq = form.querySelector("input[name=seq]");
    if (seq) seq.value = String(Date.now());
    if (!form.hasAttribute("hx-post")) form.praksisSubmitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    var forms = document.querySelectorAll("form[data-unsaved-warning]");
    for (var i = 0; i < forms.length; i += 1) {
      if (isDirty(forms[i])) {
        event.preventDefault();
        event.returnValue = "";
        return "";
      }
    }
    return undefined;
  });
})();
