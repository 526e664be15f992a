// The map view, on request only. It opens on the alerts (or the network's city), never on the
// member's position, so the tiles it asks this server for do not say where she is; her own
// position is drawn from the page's memory. Tiles come from this server's cache, no other host.
// Leaflet (150 KB) is fetched only when she opens the map, so the list and live updates come first.
(function () {
  "use strict";
  var toggle = document.getElementById("map-toggle");
  var box = document.getElementById("map");
  if (!toggle || !box || !box.dataset.tiles) return;
  var loading = null;
  function loadLeaflet() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet"; css.href = "/lib/leaflet/leaflet.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = "/lib/leaflet/leaflet.js";
      script.onload = resolve;
      script.onerror = function () { loading = null; reject(); };
      document.head.appendChild(script);
    });
    return loading;
  }
  var note = null;
  function noTiles() {
    if (note) return;
    note = document.createElement("p");
    note.className = "notice map-note";
    note.setAttribute("role", "status");
    note.textContent = box.dataset.noTiles;
    box.parentNode.insertBefore(note, box);
  }
  var map = null, layer = null, me = null, pin = null, last = { alerts: [], position: null, text: null };
  var colours = { checkpoint: "#b3261e", patrol: "#c77700", raid: "#6a1b9a", other: "#455a64" };

  function open() {
    // No animations: a page left mid-zoom made Leaflet throw, and slow phones gain nothing from them.
    map = L.map(box, { attributionControl: true, zoomControl: true, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false });
    var tiles = L.tileLayer(box.dataset.tiles, { maxZoom: 18, attribution: "© OpenStreetMap" }).addTo(map);
    // A grey map says why: the server could not get its tiles (offline, or the provider unreachable).
    tiles.on("tileerror", noTiles);
    tiles.on("tileload", function () { if (note) { note.remove(); note = null; } });
    map.attributionControl.setPrefix(false);
    // A view before any layer: Leaflet cannot place vector markers on a map without one.
    map.setView([+box.dataset.lat, +box.dataset.lon], 12);
    layer = L.layerGroup().addTo(map);
    map.on("click", function (e) {
      var place = { lat: e.latlng.lat, lon: e.latlng.lng };
      if (pin) pin.remove();
      pin = L.circleMarker(e.latlng, { radius: 9, color: "#0b5cad", dashArray: "4" }).addTo(map);
      if (last.text) pin.bindTooltip(last.text.reportHere).openTooltip();
      document.dispatchEvent(new CustomEvent("kalkan:map-tap", { detail: place }));
    });
    if (window.KalkanAlerts) window.KalkanAlerts.render();
    draw(true);
  }

  function draw(fit) {
    if (!map) return;
    layer.clearLayers();
    var points = last.alerts.map(function (a) {
      var marker = L.circleMarker([a.lat, a.lon], { radius: 10, color: colours[a.kind] || "#455a64", fillOpacity: a.status === "dismissed" ? 0.1 : 0.6 });
      marker.bindTooltip((last.text.kinds[a.kind] || a.kind) + " · " + (last.text.statuses[a.status] || a.status));
      layer.addLayer(marker);
      return [a.lat, a.lon];
    });
    if (me) me.remove();
    if (last.position) me = L.circleMarker([last.position.lat, last.position.lon], { radius: 6, color: "#0b5cad", fillOpacity: 1 }).bindTooltip(last.text.you).addTo(map);
    if (fit) {
      if (points.length) map.fitBounds(points, { maxZoom: 15, padding: [30, 30] });
    }
  }

  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    box.hidden = !box.hidden;
    toggle.textContent = box.hidden ? toggle.dataset.show : toggle.dataset.hide;
    if (!box.hidden && !map) loadLeaflet().then(open, noTiles);
    else if (map) map.invalidateSize();
  });

  window.KalkanMap = {
    update: function (alerts, position, text) { last = { alerts: alerts, position: position, text: text }; draw(false); },
  };
})();
