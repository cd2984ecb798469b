/* Live banner: shows the event that is live on the visitor's clock.
   The page already carries the banner of the event live at build time
   (the no-JavaScript fallback); this script reads live.json, written by
   every build, and shows, changes or hides the banner as events start and
   end, without a rebuild. */
(function () {
  "use strict";
  var banner = document.getElementById("live-banner");
  if (!banner || !window.fetch) { return; }
  var label = banner.querySelector(".live-label");
  var link = banner.querySelector(".live-link");
  var events = [];
  var timer = null;

  function current(now) {
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
      if (Date.parse(e.starts) <= now && now < Date.parse(e.ends)) { return e; }
    }
    return null;
  }

  function nextChange(now) {
    var next = Infinity;
    events.forEach(function (e) {
      [Date.parse(e.starts), Date.parse(e.ends)].forEach(function (t) {
        if (t > now && t < next) { next = t; }
      });
    });
    return next;
  }

  function update() {
    var now = Date.now();
    var live = current(now);
    if (live) {
      label.textContent = live.label;
      link.textContent = live.title;
      link.setAttribute("href", live.url);
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
    var wait = nextChange(now) - now;
    if (timer) { clearTimeout(timer); }
    if (isFinite(wait)) { timer = setTimeout(update, Math.min(wait + 50, 3600000)); }
  }

  fetch(banner.getAttribute("data-live-src"), { cache: "no-cache" })
    .then(function (response) { return response.ok ? response.json() : { events: [] }; })
    .then(function (data) { events = data.events || []; update(); })
    .catch(function () { /* keep the banner the build wrote */ });
})();
