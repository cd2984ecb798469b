/* The search page: Pagefind's UI over the site's search bundles (the main one
   and, on a large site, its shards, merged), searching for ?q= at once. */
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || !window.PagefindUI) { return; }
  var bundles = element.getAttribute("data-bundles").split(" ");
  var query = new URLSearchParams(window.location.search).get("q");
  var ui = new window.PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
    showImages: false,
    showSubResults: true,
    autofocus: !query,
    translations: { placeholder: "Search releases" }
  });
  // The page's heading is the input's visible label (Pagefind gives it only a title).
  var input = element.querySelector("input");
  if (input) { input.setAttribute("aria-labelledby", "search-heading"); }
  if (query) { ui.triggerSearch(query); }
})();
