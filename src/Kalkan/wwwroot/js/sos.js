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
