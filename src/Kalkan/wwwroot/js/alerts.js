// The member's alert page, live. Her position is read here, kept in this page's memory and used
// only to sort and describe alerts, and to fill the report form she chooses to send: no other
// request carries it. Updates come from the one event stream; nothing is polled.
(function () {
  "use strict";
  var text = JSON.parse(document.getElementById("alerts-text").textContent);
  var list = document.getElementById("alert-list");
  var empty = document.getElementById("no-alerts");
  var state = document.getElementById("position-state");
  var form = document.getElementById("report-form");
  var token = form.querySelector("input[name=__af]").value;
  var latInput = document.getElementById("report-lat");
  var lonInput = document.getElementById("report-lon");
  var landmark = document.getElementById("report-landmark");
  var placeNote = document.getElementById("report-place");
  var alerts = new Map();
  var position = null;
  var tapped = null;

  function fromElement(li) {
    var d = li.dataset;
    return { id: d.id, kind: d.kind, status: d.status, lat: +d.lat, lon: +d.lon, reportedAt: d.reported, expiresAt: d.expires,
      confirmations: +d.confirmations, required: +d.required, mine: d.mine === "true", confirmed: d.confirmed === "true",
      landmark: d.landmark || null, note: d.note || null };
  }
  list.querySelectorAll("li.alert").forEach(function (li) { var a = fromElement(li); alerts.set(a.id, a); });

  function format(template, value) { return template.replace("{0}", value); }

  function distance(a) {
    var rad = Math.PI / 180, dLat = (a.lat - position.lat) * rad, dLon = (a.lon - position.lon) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(position.lat * rad) * Math.cos(a.lat * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function direction(a) {
    var rad = Math.PI / 180, y = Math.sin((a.lon - position.lon) * rad) * Math.cos(a.lat * rad);
    var x = Math.cos(position.lat * rad) * Math.sin(a.lat * rad) - Math.sin(position.lat * rad) * Math.cos(a.lat * rad) * Math.cos((a.lon - position.lon) * rad);
    var bearing = (Math.atan2(y, x) / rad + 360) % 360;
    return text.directions[Math.round(bearing / 45) % 8];
  }

  function age(a) {
    var minutes = Math.floor((Date.now() - Date.parse(a.reportedAt)) / 60000);
    if (minutes < 1) return text.justNow;
    return minutes < 60 ? format(text.minutesAgo, minutes) : format(text.hoursAgo, Math.floor(minutes / 60));
  }

  function describe(a) {
    var m = distance(a);
    return (m < 1000 ? format(text.meters, Math.round(m / 10) * 10) : format(text.kilometers, (m / 1000).toFixed(1))) + " " + direction(a);
  }

  function span(cls, content) { var s = document.createElement("span"); s.className = cls; s.textContent = content; return s; }

  function item(a) {
    var li = document.createElement("li");
    li.className = "alert status-" + a.status + " kind-" + a.kind + (fresh.has(a.id) ? " fresh" : "");
    li.id = "alert-" + a.id;
    li.dataset.id = a.id;
    li.dataset.alert = a.id;
    var what = document.createElement("strong"); what.className = "what"; what.textContent = text.kinds[a.kind] || a.kind;
    li.appendChild(what);
    if (position) li.appendChild(span("distance", describe(a)));
    if (a.landmark) li.appendChild(span("where", a.landmark));
    li.appendChild(span("status", text.statuses[a.status] || a.status));
    li.appendChild(span("when", age(a)));
    li.appendChild(span("count", format(text.confirmations, a.confirmations)));
    // Merged reports' notes, one per line: each stays its own sentence.
    if (a.note) a.note.split("\n").forEach(function (line) { if (line) li.appendChild(span("note", line)); });
    if (a.mine) li.appendChild(span("mine", text.mine));
    else if (!a.confirmed) {
      var f = document.createElement("form");
      f.method = "post"; f.action = "/alerts?handler=Confirm"; f.className = "inline confirm";
      [["id", a.id], ["__af", token]].forEach(function (pair) {
        var input = document.createElement("input"); input.type = "hidden"; input.name = pair[0]; input.value = pair[1]; f.appendChild(input);
      });
      var b = document.createElement("button"); b.type = "submit"; b.textContent = text.confirm; f.appendChild(b);
      li.appendChild(f);
    }
    return li;
  }

  function render() {
    var now = Date.now();
    var active = Array.from(alerts.values()).filter(function (a) { return Date.parse(a.expiresAt) > now; });
    active.sort(position ? function (a, b) { return distance(a) - distance(b); } : function (a, b) { return Date.parse(b.reportedAt) - Date.parse(a.reportedAt); });
    list.replaceChildren.apply(list, active.map(item));
    empty.hidden = active.length > 0;
    if (window.KalkanMap) window.KalkanMap.update(active, position, text);
  }

  function fillPlace() {
    var place = tapped || position;
    if (!place || landmark.value) return;
    latInput.value = place.lat.toFixed(6);
    lonInput.value = place.lon.toFixed(6);
    placeNote.textContent = tapped ? placeNote.dataset.tapped : placeNote.dataset.here;
  }

  landmark.addEventListener("change", function () {
    if (landmark.value) { latInput.value = ""; lonInput.value = ""; placeNote.textContent = ""; } else fillPlace();
  });
  // No place at all: say so here and keep what she chose, rather than send a report the server must refuse.
  var placeError = document.getElementById("report-place-error");
  form.addEventListener("submit", function (e) {
    if (landmark.value) { latInput.value = ""; lonInput.value = ""; return; }
    if (!latInput.value.trim() || !lonInput.value.trim()) {
      e.preventDefault();
      placeError.textContent = placeError.dataset.none;
      document.getElementById("report-coordinates").open = true;
      placeError.scrollIntoView({ block: "center" });
    }
  });

  // "I see it too" without leaving her place in the list.
  list.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.classList.contains("confirm")) return;
    e.preventDefault();
    var id = f.querySelector("input[name=id]").value;
    // The redirect is not followed: it only says "done", and the page behind it is bytes she pays for.
    fetch(f.action, { method: "POST", credentials: "same-origin", redirect: "manual", body: new URLSearchParams(new FormData(f)) }).then(function (r) {
      if (r.type !== "opaqueredirect" && !r.ok) return;
      var a = alerts.get(id);
      if (a) { a.confirmed = true; render(); }
      var done = document.createElement("span"); done.className = "mine"; done.setAttribute("role", "status"); done.textContent = text.confirmed;
      var li = document.getElementById("alert-" + id);
      if (li) li.appendChild(done);
    }).catch(function () { });
  });

  // A new alert is announced: a banner at the top, the tab's title, and a vibration if she asked for one.
  var banner = document.getElementById("new-alert");
  var baseTitle = document.title;
  var fresh = new Set();
  var vibrate = document.getElementById("vibrate");
  if (navigator.vibrate) {
    document.getElementById("vibrate-choice").hidden = false;
    vibrate.checked = localStorage.getItem("vibrate") === "1";
    vibrate.addEventListener("change", function () { localStorage.setItem("vibrate", vibrate.checked ? "1" : "0"); });
  }
  function announce(a) {
    fresh.add(a.id);
    var label = (text.kinds[a.kind] || a.kind) + (position ? " · " + describe(a) : "");
    banner.textContent = format(text.newAlert, label);
    banner.hidden = false;
    document.title = "(" + fresh.size + ") " + baseTitle;
    if (vibrate && vibrate.checked && navigator.vibrate) navigator.vibrate([200, 100, 200]);
  }
  document.addEventListener("pointerdown", function () { if (fresh.size) { fresh.clear(); document.title = baseTitle; } }, { passive: true });

  if (navigator.geolocation) {
    state.textContent = state.dataset.waiting;
    navigator.geolocation.watchPosition(function (p) {
      position = { lat: p.coords.latitude, lon: p.coords.longitude };
      state.textContent = state.dataset.ok;
      fillPlace();
      render();
    }, function () { state.textContent = state.dataset.none; }, { enableHighAccuracy: true, maximumAge: 30000, timeout: 30000 });
  }

  function reload() {
    fetch("/api/v1/alerts", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (fresh) { alerts.clear(); fresh.forEach(function (a) { alerts.set(a.id, a); }); render(); })
      .catch(function () { });
  }

  if (window.EventSource) {
    var stream = new EventSource("/api/v1/alerts/stream");
    // When live updates began, for the 2G measurement (bench/README.md).
    stream.addEventListener("open", function () { document.documentElement.dataset.live = Math.round(performance.now()); });
    stream.addEventListener("alert", function (e) {
      var a = JSON.parse(e.data), known = alerts.get(a.id);
      a.mine = known ? known.mine : false;
      a.confirmed = known ? known.confirmed : false;
      alerts.set(a.id, a);
      if (!known) announce(a);
      render();
    });
    stream.addEventListener("expired", function (e) { alerts.delete(JSON.parse(e.data).id); render(); });
    stream.addEventListener("resync", reload);
    if (window.Kalkan) window.Kalkan.onLeave(function () { stream.close(); });
  }
  setInterval(render, 30000);

  document.addEventListener("kalkan:map-tap", function (e) {
    tapped = e.detail;
    landmark.value = "";
    fillPlace();
  });
  window.KalkanAlerts = { render: render, text: text };
  render();
})();
