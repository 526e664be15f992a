// Quick exit, idle lock, and one history entry. On every page.
// - The Exit control, or Escape pressed three times, locks the session on the server (a beacon
//   that outlives the page) and replaces the page with the network's neutral page.
// - Kalkan's own links and forms replace the current history entry instead of adding one, so
//   after quick exit the Back button has no Kalkan page to return to.
// - A signed-in page left untouched for the network's idle time locks the same way.
// Without script: the Exit link goes to /exit (which locks too) and forms post as usual.
(function () {
  "use strict";
  var body = document.body;
  var exitUrl = body.getAttribute("data-exit") || "/exit";
  var lockAfter = (+body.getAttribute("data-lock-after") || 0) * 1000;
  var leaving = [];

  // The last pages the service worker kept go too: a seized phone holds nothing to read.
  function forget() {
    if (window.caches) caches.keys().then(function (keys) { keys.forEach(function (k) { caches.delete(k); }); }).catch(function () { });
  }
  function lock() { forget(); try { navigator.sendBeacon("/exit"); } catch (e) { } }
  function hideAndGo(url) {
    leaving.forEach(function (f) { try { f(); } catch (e) { } });
    document.title = "";
    body.replaceChildren();
    location.replace(url);
  }
  function leave(event) {
    if (event) event.preventDefault();
    lock();
    hideAndGo(exitUrl);
  }

  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1500; });
    presses.push(now);
    if (presses.length >= 3) leave(event);
  });
  var exit = document.getElementById("quick-exit");
  if (exit) exit.addEventListener("click", leave);

  // Links: same-origin navigation replaces the entry.
  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest ? e.target.closest("a[href]") : null;
    if (!a || a.target || a.hasAttribute("download")) return;
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    e.preventDefault();
    location.replace(url.href);
  });

  // Forms: sent by fetch; a redirect (post-redirect-get) replaces the entry, a page with errors
  // replaces the document in place. Offline, the queue (offline.js) may take it.
  function show(html) {
    leaving.forEach(function (f) { try { f(); } catch (e) { } });
    leaving = [];
    document.open();
    document.write(html);
    document.close();
  }
  function submit(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var action = form.getAttribute("action") ? form.action : location.href;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") {
      var target = new URL(action);
      target.search = new URLSearchParams(data).toString();
      location.replace(target.href);
      return Promise.resolve();
    }
    var payload = form.enctype === "multipart/form-data" ? data : new URLSearchParams(data);
    return fetch(action, { method: "POST", body: payload, credentials: "same-origin", headers: { "X-Kalkan-Fetch": "1" } }).then(function (r) {
      if (r.redirected) { location.replace(r.url); return; }
      return r.text().then(show);
    }, function (error) {
      if (window.Kalkan.offline && window.Kalkan.offline(form, data)) return;
      throw error;
    });
  }
  document.addEventListener("submit", function (e) {
    if (e.target.classList.contains("signout")) forget();
    if (e.defaultPrevented || e.target.hasAttribute("data-native")) return;
    e.preventDefault();
    submit(e.target, e.submitter);
  });

  // Idle lock: input keeps the session alive (one light request a minute at most).
  if (lockAfter > 0) {
    var lastInput = Date.now(), lastPing = Date.now();
    var touched = function () {
      lastInput = Date.now();
      if (lastInput - lastPing > 60000) {
        lastPing = lastInput;
        fetch("/api/v1/session", { credentials: "same-origin" }).catch(function () { });
      }
    };
    ["pointerdown", "keydown", "touchstart", "scroll", "input"].forEach(function (t) {
      window.addEventListener(t, touched, { passive: true, capture: true });
    });
    var check = function () {
      if (Date.now() - lastInput >= lockAfter) { lock(); hideAndGo("/signin"); }
    };
    setInterval(check, 5000);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) check(); });
  }

  window.Kalkan = { submit: submit, onLeave: function (f) { leaving.push(f); }, offline: null };
})();
