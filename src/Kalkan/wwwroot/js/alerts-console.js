// The defenders' console: the map of active alerts, refreshed from the stream, and the history
// map drawn from the anonymous aggregate. Tiles come from this server's cache.
(function () {
  "use strict";
  if (!window.L) return;
  var box = document.getElementById("console-map");
  var rows = document.getElementById("console-rows");
  var text = JSON.parse(document.getElementById("console-text").textContent);
  var history = JSON.parse(document.getElementById("history-data").textContent);
  var colours = { checkpoint: "#b3261e", patrol: "#c77700", raid: "#6a1b9a", other: "#455a64" };
  var centre = [+box.dataset.lat, +box.dataset.lon];

  function base(element) {
    // No animations: a page left mid-zoom (a Verify press) made Leaflet throw, and slow phones gain nothing from them.
    var map = L.map(element, { zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false });
    if (box.dataset.tiles) L.tileLayer(box.dataset.tiles, { maxZoom: 18, attribution: "© OpenStreetMap" }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.setView(centre, 12);
    return map;
  }

  var live = base(box), markers = L.layerGroup().addTo(live), fitted = false;
  function drawAlerts() {
    markers.clearLayers();
    var points = [];
    rows.querySelectorAll("tr.alert").forEach(function (tr) {
      var p = [+tr.dataset.lat, +tr.dataset.lon];
      points.push(p);
      L.circleMarker(p, { radius: 10, color: colours[tr.dataset.kind], fillOpacity: tr.dataset.status === "dismissed" ? 0.1 : 0.6 })
        .bindTooltip(text[tr.dataset.kind] || tr.dataset.kind).addTo(markers);
    });
    if (!fitted && points.length) { live.fitBounds(points, { maxZoom: 15, padding: [30, 30] }); fitted = true; }
  }
  live.on("click", function (e) {
    document.getElementById("landmark-lat").value = e.latlng.lat.toFixed(6);
    document.getElementById("landmark-lon").value = e.latlng.lng.toFixed(6);
  });
  drawAlerts();

  function refresh() {
    fetch("/console/alerts?handler=Rows", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { rows.innerHTML = html; drawAlerts(); } })
      .catch(function () { });
  }
  if (window.EventSource) {
    var stream = new EventSource("/api/v1/alerts/stream");
    ["alert", "expired", "resync"].forEach(function (name) { stream.addEventListener(name, refresh); });
  }

  var past = base(document.getElementById("history-map")), cells = L.layerGroup().addTo(past);
  var kind = document.getElementById("history-kind"), day = document.getElementById("history-day"), hour = document.getElementById("history-hour");
  var count = document.getElementById("history-count");
  function drawHistory() {
    cells.clearLayers();
    var sums = new Map();
    history.forEach(function (c) {
      if (kind.value && c.kind !== kind.value) return;
      if (day.value && Math.floor(c.hourOfWeek / 24) !== +day.value) return;
      if (hour.value && c.hourOfWeek % 24 !== +hour.value) return;
      var key = c.lat + "," + c.lon;
      sums.set(key, { lat: c.lat, lon: c.lon, n: (sums.has(key) ? sums.get(key).n : 0) + c.count });
    });
    var total = 0, points = [];
    sums.forEach(function (s) {
      total += s.n;
      points.push([s.lat, s.lon]);
      L.circle([s.lat, s.lon], { radius: 250, color: "#b3261e", weight: 1, fillOpacity: Math.min(0.85, 0.15 + s.n / 20) }).bindTooltip(String(s.n)).addTo(cells);
    });
    count.textContent = count.dataset.template.replace("{0}", total).replace("{1}", sums.size);
    if (points.length) past.fitBounds(points, { maxZoom: 14, padding: [30, 30] });
  }
  [kind, day, hour].forEach(function (s) { s.addEventListener("change", drawHistory); });
  drawHistory();
})();
