// Web Push on this phone, on request. The service worker shows only the neutral text the server
// sends (no place, no kind); opening it brings the member to her alert page.
(function () {
  "use strict";
  var button = document.getElementById("push-toggle");
  var form = document.getElementById("report-form");
  if (!button || !form || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  var token = form.querySelector("input[name=__af]").value;

  function key(base64url) {
    var raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4));
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
  }
  function encode(buffer) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function post(handler, fields) {
    var body = new URLSearchParams(fields);
    body.set("__af", token);
    return fetch("/alerts?handler=" + handler, { method: "POST", credentials: "same-origin", body: body });
  }
  function show(subscribed) {
    button.hidden = false;
    button.textContent = subscribed ? button.dataset.off : button.dataset.on;
    button.dataset.subscribed = subscribed ? "true" : "false";
  }

  navigator.serviceWorker.register("/js/alerts-sw.js", { scope: "/js/" }).then(function (registration) {
    registration.pushManager.getSubscription().then(function (existing) { show(!!existing); });
    button.addEventListener("click", function () {
      registration.pushManager.getSubscription().then(function (existing) {
        if (existing) {
          return post("Unpush", { endpoint: existing.endpoint }).then(function () { return existing.unsubscribe(); }).then(function () { show(false); });
        }
        return fetch("/api/v1/push/key", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (k) {
          return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(k.publicKey) });
        }).then(function (s) {
          return post("Push", { endpoint: s.endpoint, p256dh: encode(s.getKey("p256dh")), auth: encode(s.getKey("auth")) }).then(function (r) {
            if (r.ok) { show(true); return; }
            // Refused (as many phones as she may have, say): she must not believe alerts will come to this one.
            return s.unsubscribe().then(function () { show(false); alert(window.KalkanAlerts.text.pushRefused); });
          });
        }).catch(function () {
          if (Notification.permission === "denied") alert(window.KalkanAlerts.text.pushDenied);
        });
      });
    });
  }).catch(function () { });
})();
