// Progressive enhancement for the verifier page: everything also works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var area = document.getElementById("document");
  var file = document.getElementById("file");
  function load(chosen) {
    if (!chosen || !area) { return; }
    chosen.text().then(function (text) { area.value = text; area.focus(); });
  }
  if (file) {
    file.addEventListener("change", function () { load(file.files[0]); });
  }
  if (area) {
    area.addEventListener("dragover", function (event) { event.preventDefault(); area.classList.add("dragging"); });
    area.addEventListener("dragleave", function () { area.classList.remove("dragging"); });
    area.addEventListener("drop", function (event) {
      event.preventDefault();
      area.classList.remove("dragging");
      if (event.dataTransfer && event.dataTransfer.files.length > 0) { load(event.dataTransfer.files[0]); }
    });
  }
  // After a check, the result is what a keyboard or screen reader user reaches first.
  var heading = document.getElementById("result-heading");
  if (heading && document.querySelector("section[aria-labelledby='result-heading'], #ask-status, .report")) { heading.focus(); }
  // A request page asks every two seconds whether the person answered, then shows the answer in
  // place (no reload) and announces it through the live region.
  var status = document.getElementById("ask-status");
  var askArea = document.getElementById("ask-area");
  if (status && askArea && status.dataset.poll) {
    var shownFailure = null;
    var poll = function () {
      fetch(status.dataset.poll, { cache: "no-store", credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.status === "pending" || !answer.html) { setTimeout(poll, 2000); return; }
          // The last answer failed and the person may try again: said above the code, still polling.
          var failed = document.getElementById("ask-failed");
          if (answer.retry && failed) {
            if (shownFailure !== answer.html) { failed.innerHTML = answer.html; shownFailure = answer.html; }
            setTimeout(poll, 2000);
            return;
          }
          askArea.innerHTML = answer.html;
          status.textContent = status.dataset.done;
        })
        .catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 2000);
  }
});
