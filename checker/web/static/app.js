// Progressive enhancement only: every form works without this file.
// Drop a file on a drop zone -> it becomes the <input type=file>'s selection.
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-drop]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var chosen = zone.querySelector("[data-chosen]");
    function show() {
      chosen.textContent = input.files.length ? (chosen.dataset.selected || "Selected:") + " " + input.files[0].name : "";
      zone.classList.toggle("has-file", input.files.length > 0);
    }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      zone.addEventListener(t, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
  });
  document.querySelectorAll("[data-busy-form]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var busy = form.querySelector("[data-busy]");
      if (busy) { busy.hidden = false; }
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });
});

// A background OCR job's page: poll its JSON status, show pages read, reload once when it ends
// (the same address then shows the report, or the error). Without this the page reloads itself.
document.addEventListener("DOMContentLoaded", function () {
  var job = document.querySelector("[data-job]");
  if (!job) { return; }
  var bar = job.querySelector("[data-job-bar]");
  var text = job.querySelector("[data-job-text]");
  var time = job.querySelector("[data-job-time]");
  var every = parseInt(job.dataset.poll, 10) || 1000;
  function poll() {
    fetch(job.dataset.job, {credentials: "same-origin", cache: "no-store", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { window.location.reload(); return; }  // gone or refused: the page says why
        if (s.state === "done" || s.state === "failed") { window.location.reload(); return; }
        bar.max = s.pages_total || 1;
        bar.value = s.pages_done;
        bar.textContent = s.pages_done + " / " + s.pages_total;
        if (text.textContent !== s.text) { text.textContent = s.text; }
        time.textContent = s.time_text;
        window.setTimeout(poll, every);
      })
      .catch(function () { window.setTimeout(poll, every * 3); });  // a network blip: try again
  }
  window.setTimeout(poll, every);
});
