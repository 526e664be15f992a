// Duress warnings as they arrive: a defender's page (/calls, the console) shows each one at once,
// without a reload. The server sends `event: duress` only to defenders' streams.
(function () {
  "use strict";
  var box = document.getElementById("duress-warnings");
  if (!box || !window.EventSource) return;
  var stream = new EventSource("/api/v1/alerts/stream");
  stream.addEventListener("duress", function (e) {
    var warning = JSON.parse(e.data);
    if (document.getElementById("duress-" + warning.id)) return;
    var item = document.createElement("div");
    item.className = "notice";
    item.id = "duress-" + warning.id;
    item.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = box.dataset.title + " · " + warning.handle + " · " + new Date(warning.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    var text = document.createElement("p");
    text.textContent = warning.reason === "check-in" ? box.dataset.checkIn : box.dataset.signIn;
    item.appendChild(title);
    item.appendChild(text);
    box.insertBefore(item, box.firstChild);
  });
})();
