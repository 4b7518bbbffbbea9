// The live progress of a CSV upload (the page works without this file: a link reloads it).
// It follows the job's events, moves the bar and the count, and reloads the page once the job
// is done so that the results table is complete. Every sentence comes from the server.
"use strict";
(function () {
  var status = document.getElementById("upload-status");
  // Only a job still running has a reload link, and events to follow.
  var reload = document.getElementById("upload-reload");
  if (!status || !reload || !window.EventSource) {
    return;
  }
  var bar = document.getElementById("upload-progress");
  var text = document.getElementById("upload-text");
  reload.hidden = true;
  var source = new EventSource(status.getAttribute("data-events"));
  function show(event) {
    var progress = JSON.parse(event.data);
    bar.max = Math.max(progress.total, 1);
    bar.value = progress.done;
    bar.textContent = progress.text;
    text.textContent = progress.text;
    return progress;
  }
  source.addEventListener("progress", show);
  source.addEventListener("done", function (event) {
    show(event);
    source.close();
    window.location.reload();
  });
  source.onerror = function () {
    source.close();
    reload.hidden = false;
  };
})();
