// Service worker for push only: it shows what the server sent (neutral text by default) and
// opens the alert page when tapped. It caches nothing.
self.addEventListener("push", function (event) {
  var message = { title: "Notes", body: "", url: "/alerts" };
  try { message = event.data ? event.data.json() : message; } catch (e) { }
  event.waitUntil(self.registration.showNotification(message.title, { body: message.body, tag: "kalkan", renotify: true, data: message.url }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = event.notification.data || "/alerts";
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) if ("focus" in windows[i]) return windows[i].navigate(url).then(function (w) { return w && w.focus(); });
    return self.clients.openWindow(url);
  }));
});
