/* Progressive enhancement only: every action works without this file.
   Forms with data-confirm ask before they are sent (without JavaScript they are sent at once).
   Support buttons: send the form in the background and update the button and counter in place. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-enhance=support]")) { return; }
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      var state = form.querySelector("input[name=state]");
      state.value = data.supported ? "off" : "on";
      button.querySelector("[data-role=label]").textContent =
        data.supported ? button.dataset.labelOn : button.dataset.labelOff;
      button.classList.toggle("button-secondary", data.supported);
      var counters = document.querySelectorAll(
        "[data-role=supports-count][data-problem='" + form.dataset.problem + "']");
      counters.forEach(function (counter) { counter.textContent = data.supports_label; });
    }).catch(function () {
      form.submit();  /* fall back to the plain form */
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
