// Quick exit: leave at once and do not let the back button return here.
// Works without this script too (the link goes to a neutral page); this adds Escape, pressed
// twice, and replaces the history entry instead of adding one.
(function () {
  "use strict";
  function leave(event) {
    if (event) event.preventDefault();
    document.body.innerHTML = "";
    window.location.replace("/exit");
  }
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - last < 800) leave(event);
    last = now;
  });
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("quick-exit");
    if (link) link.addEventListener("click", leave);
  });
})();
