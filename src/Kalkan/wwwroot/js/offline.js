// Offline. The service worker (/sw.js) keeps the shell and the last alerts for when there is no
// connection. A report, an SOS or a check-in sent without a connection waits in a queue on this
// phone, shown as queued, and goes out once when the connection is back: each carries the
// idempotency key of its form, so a resend is never a second report, SOS or check-in.
(function () {
  "use strict";
  var KEY = "kalkan-queue";
  var state = document.getElementById("queue-state");
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { });

  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; } }
  function save(q) { if (q.length) localStorage.setItem(KEY, JSON.stringify(q)); else localStorage.removeItem(KEY); }
  function show(text) { if (!state) return; state.textContent = text || ""; state.hidden = !text; }
  function signedOut(url) { return new URL(url).pathname === "/signin"; }

  if (window.Kalkan) window.Kalkan.offline = function (form, data) {
    if (!form.querySelector("input[name=idempotencyKey]")) return false;
    var fields = [];
    data.forEach(function (value, name) { if (name !== "__af") fields.push([name, String(value)]); });
    var q = load();
    q.push({ action: form.action, page: location.pathname, fields: fields });
    save(q);
    show(state.dataset.queued);
    return true;
  };

  var flushing = false;
  function flush() {
    var q = load();
    if (!q.length || flushing || !navigator.onLine) return;
    flushing = true;
    show(state.dataset.queued);
    var item = q[0];
    // A fresh anti-forgery token from the form's page: the session may have been unlocked since.
    fetch(item.page, { credentials: "same-origin" }).then(function (page) {
      if (!page.ok || signedOut(page.url)) throw new Error("not signed in");
      return page.text();
    }).then(function (html) {
      var token = /name="__af" type="hidden" value="([^"]+)"/.exec(html);
      if (!token) throw new Error("no form");
      var body = new URLSearchParams(item.fields);
      body.set("__af", token[1]);
      return fetch(item.action, { method: "POST", credentials: "same-origin", body: body });
    }).then(function (r) {
      flushing = false;
      if (!r.ok || signedOut(r.url)) return;
      var rest = load().slice(1);
      save(rest);
      if (rest.length) return flush();
      show(state.dataset.sent);
      if (item.page === location.pathname && r.redirected) location.replace(r.url);
    }).catch(function () { flushing = false; });
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { show(state.dataset.offline); });
  if (!navigator.onLine) show(state.dataset.offline);
  else if (load().length) { show(state.dataset.queued); flush(); }
})();
