// Kalkan's service worker for the member pages. Pages come from the network when there is one
// and the last copy of a few (the alerts, SOS, check-in, safe-place and warnings pages) when there is not;
// scripts and styles are kept by their versioned URLs. Nothing personal is kept: not her circle,
// her calls or her account, and quick exit or sign-out empties the cache. Push is in /js/alerts-sw.js.
var CACHE = "kalkan-1";
var SHELL = ["/offline", "/css/site.css", "/js/quick-exit.js", "/js/offline.js", "/js/times.js", "/js/sos.js", "/js/alerts.js", "/js/alerts-map.js"];
var PAGES = ["/alerts", "/sos", "/checkin", "/places", "/warnings"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data === "forget") event.waitUntil(caches.delete(CACHE));
});

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    var keep = PAGES.indexOf(url.pathname) >= 0 && !url.searchParams.has("id");
    event.respondWith(fetch(request).then(function (response) {
      if (keep && response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname).then(function (hit) { return hit || caches.match("/offline"); });
    }));
    return;
  }
  if (/^\/(css|js|lib|icons)\//.test(url.pathname)) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) { var copy = response.clone(); caches.open(CACHE).then(function (cache) { cache.put(request, copy); }); }
        return response;
      }).catch(function () { return caches.match(request, { ignoreSearch: true }); });
    }));
  }
});
