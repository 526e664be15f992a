// SOS: add the phone's position to the form if it can be had within a few seconds, then send.
// The position goes only into this SOS; without it (no permission, no fix) the SOS still goes.
(function () {
  "use strict";
  var form = document.getElementById("sos-form");
  if (!form) return;
  var sending = false;
  function send() {
    if (sending) return;
    sending = true;
    // The home-screen link's entry becomes plain /sos first, so Back can never send it again.
    if (form.getAttribute("data-auto") === "1") history.replaceState(null, "", "/sos");
    if (window.Kalkan) window.Kalkan.submit(form); else form.submit();
  }
  function locateThenSend(event) {
    if (event) event.preventDefault();
    if (!navigator.geolocation) return send();
    var timer = setTimeout(send, 6000);
    navigator.geolocation.getCurrentPosition(function (p) {
      clearTimeout(timer);
      document.getElementById("sos-lat").value = p.coords.latitude;
      document.getElementById("sos-lon").value = p.coords.longitude;
      send();
    }, function () { clearTimeout(timer); send(); }, { enableHighAccuracy: true, timeout: 5000, maximumAge: 60000 });
  }
  form.addEventListener("submit", locateThenSend);
  // The home-screen link (/sos?now=1) sends at once.
  if (form.getAttribute("data-auto") === "1") locateThenSend();
})();

// Her SOS sent: answers from her circle and the defenders appear as they come, without a reload.
(function () {
  "use strict";
  var answers = document.getElementById("answers");
  if (!answers || !window.EventSource) return;
  var stream = new EventSource("/api/v1/alerts/stream");
  stream.addEventListener("sos-response", function (e) {
    var r = JSON.parse(e.data);
    if (r.sosId !== answers.dataset.sos) return;
    var li = document.createElement("li");
    var who = document.createElement("strong");
    who.textContent = r.handle;
    li.appendChild(who);
    li.appendChild(document.createTextNode(": " + (r.kind === "calling" ? answers.dataset.calling : answers.dataset.onMyWay) + " "));
    var at = document.createElement("time");
    at.dateTime = r.at;
    li.appendChild(at);
    answers.appendChild(li);
    document.getElementById("no-answer").hidden = true;
    if (window.KalkanTimes) window.KalkanTimes.refresh();
  });
  if (window.Kalkan) window.Kalkan.onLeave(function () { stream.close(); });
})();
