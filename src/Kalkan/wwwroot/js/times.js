// Times in her own time zone and language, with how long until or since ("in 40 min"). The page
// says the time in UTC, and says so, until this runs; the phone's clock and zone do the rest,
// and the browser's Intl supplies each language's plural forms.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var clock = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
  var day = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  var rel = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" }) : null;

  function relative(ms) {
    var minutes = Math.round(ms / 60000);
    if (Math.abs(minutes) < 60) return rel.format(minutes, "minute");
    var hours = Math.round(minutes / 60);
    return Math.abs(hours) < 48 ? rel.format(hours, "hour") : rel.format(Math.round(hours / 24), "day");
  }

  function refresh() {
    document.querySelectorAll("time[datetime]").forEach(function (t) {
      var at = new Date(t.getAttribute("datetime"));
      if (isNaN(at)) return;
      var text = (new Date().toDateString() === at.toDateString() ? clock : day).format(at);
      if (rel && t.hasAttribute("data-relative")) text += " · " + relative(at - Date.now());
      t.textContent = text;
    });
  }

  refresh();
  setInterval(refresh, 30000);
  window.KalkanTimes = { refresh: refresh };
})();
