/* The search page: the site's own UI over Pagefind's JS API (the main bundle
   and, on a large site, its shards, merged), searching for ?q= at once.

   Everything that comes from the index (titles, filter values, metadata,
   excerpts, headings) is inserted as text (createElement and textContent,
   never innerHTML): Pagefind stores the decoded text of what the pages
   escaped, so a tag named <img src=x onerror=...> must stay text here too.
   Result links are used only when they are paths of this site.
   The interface's words come from the template (data-text-* attributes). */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var PAGE_SIZE = 5;
  var SUB_RESULTS = 3;
  var FILTER_ORDER = ["Type", "Office", "Tag", "Year"];
  var bundles = root.getAttribute("data-bundles").split(" ");
  var sitePath = root.getAttribute("data-site") || "/";
  var form = root.querySelector(".search-form");
  var input = root.querySelector(".search-input");
  var panel = root.querySelector(".search-filters");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var pagefind = null;
  var selected = {};      // filter name -> list of chosen values
  var countNodes = {};    // filter name -> value -> the element that shows its count
  var current = null;     // the results of the last search, and how many are shown
  var searchNumber = 0;   // a newer search makes an older one's answer stale
  var timer = null;

  function text(name, values) {
    var word = root.getAttribute("data-text-" + name) || "";
    return word.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values || {}, key) ? String(values[key]) : all;
    });
  }

  /* A counted word in the page's language: data-text-NAME-CATEGORY for the count's CLDR
     plural category (one, two, few, many, zero), else data-text-NAME (the "other" form). */
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;

  function counted(name, count, values) {
    var all = Object.assign({ count: count }, values || {});
    var category = plurals ? plurals.select(count) : (count === 1 ? "one" : "other");
    var form = name + "-" + category;
    return category !== "other" && root.hasAttribute("data-text-" + form) ? text(form, all) : text(name, all);
  }

  function make(tag, className, content) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (content !== undefined) { element.textContent = content; }
    return element;
  }

  /* A result's URL as a path of this site, or null (never javascript:, never another host). */
  function sitePathOf(url) {
    var parsed;
    try { parsed = new URL(String(url), window.location.href); } catch (error) { return null; }
    if (parsed.origin !== window.location.origin) { return null; }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") { return null; }
    if (parsed.pathname.indexOf(sitePath) !== 0) { return null; }
    return parsed.pathname + parsed.search + parsed.hash;
  }

  function linkOrText(url, label, className) {
    var path = sitePathOf(url);
    var element = make(path ? "a" : "span", className, label);
    if (path) { element.setAttribute("href", path); }
    return element;
  }

  /* Pagefind's excerpt is words of the page's text with "<" and ">" escaped (not "&")
     and each hit wrapped in an exact "<mark>...</mark>". Its words are found again in
     the stored text (`content`, by the hit locations), so what was written as "&lt;"
     stays "&lt;"; failing that, the excerpt is cut at its mark tokens and "&lt;"/"&gt;"
     turned back. Either way: [text, marked] pieces, inserted as text. */
  function excerptPieces(excerpt, content, locations) {
    return exactPieces(excerpt, content, locations) || tokenPieces(excerpt);
  }

  function escaped(word) { return word.replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function exactPieces(excerpt, content, locations) {
    var words = excerpt.split(" ").map(function (word) {
      var hit = /^<mark>([\s\S]*)<\/mark>$/.exec(word);
      return hit ? [hit[1], true] : [word, false];
    });
    var first = words.findIndex(function (word) { return word[1]; });
    if (first < 0 || typeof content !== "string") { return null; }
    var stored = content.split(/[\r\n\s]+/g);
    for (var i = 0; i < (locations || []).length; i++) {
      var start = locations[i] - first;
      var same = start >= 0 && words.every(function (word, n) {
        return stored[start + n] !== undefined && escaped(stored[start + n]) === word[0];
      });
      if (same) {
        var pieces = [];
        words.forEach(function (word, n) {
          if (n > 0) { pieces.push([" ", false]); }
          pieces.push([stored[start + n], word[1]]);
        });
        return pieces;
      }
    }
    return null;
  }

  function tokenPieces(excerpt) {
    var pieces = [];
    var marked = false;
    excerpt.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (part) { pieces.push([part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"), marked]); }
    });
    return pieces;
  }

  function excerptElement(excerpt, content, locations) {
    var paragraph = make("p", "search-result-excerpt");
    excerptPieces(String(excerpt || ""), content, locations).forEach(function (piece) {
      paragraph.appendChild(piece[1] ? make("mark", "", piece[0]) : document.createTextNode(piece[0]));
    });
    return paragraph;
  }

  function resultElement(data) {
    var meta = data.meta || {};
    var item = make("li", "search-result");
    var title = make("h2", "search-result-title");
    title.appendChild(linkOrText(data.url, meta.title || data.url, "search-result-link"));
    item.appendChild(title);
    var facts = make("ul", "search-result-facts");
    if (meta.type) { facts.appendChild(make("li", "search-result-fact", text("type") + ": " + meta.type)); }
    if (meta.date) { facts.appendChild(make("li", "search-result-fact", text("date") + ": " + meta.date)); }
    if (facts.childNodes.length) { item.appendChild(facts); }
    item.appendChild(excerptElement(data.excerpt, data.content, data.locations));
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
    if (subs.length) {
      var nested = make("ul", "search-subresults");
      subs.slice(0, SUB_RESULTS).forEach(function (sub) {
        var entry = make("li", "search-subresult");
        entry.appendChild(linkOrText(sub.url, sub.title, "search-subresult-link"));
        entry.appendChild(excerptElement(sub.excerpt, data.content, sub.locations));
        nested.appendChild(entry);
      });
      item.appendChild(nested);
    }
    return item;
  }

  function filterNames(filters) {
    var names = Object.keys(filters);
    return FILTER_ORDER.filter(function (name) { return names.indexOf(name) >= 0; })
      .concat(names.filter(function (name) { return FILTER_ORDER.indexOf(name) < 0; }).sort());
  }

  function filterValues(name, values) {
    var keys = Object.keys(values);
    if (name === "Year") { return keys.sort().reverse(); }
    return keys.sort(function (a, b) { return a.localeCompare(b); });
  }

  function buildFilters(filters) {
    var names = filterNames(filters);
    if (!names.length) { return; }
    var fieldset = make("fieldset", "search-filter-panel");
    fieldset.appendChild(make("legend", "search-filter-panel-label", text("filters")));
    names.forEach(function (name, group) {
      var block = make("details", "search-filter");
      var label = text("filter-" + name.toLowerCase()) || name;
      block.appendChild(make("summary", "search-filter-name", label));
      var values = make("fieldset", "search-filter-group");
      values.appendChild(make("legend", "visually-hidden", label));
      countNodes[name] = {};
      filterValues(name, filters[name]).forEach(function (value, n) {
        var row = make("div", "search-filter-value");
        var box = make("input", "search-filter-checkbox");
        box.type = "checkbox";
        box.id = "search-filter-" + group + "-" + n;
        box.addEventListener("change", function () { choose(name, value, box.checked); });
        var caption = make("label", "search-filter-label", value);
        caption.setAttribute("for", box.id);
        var count = make("span", "search-filter-count");
        caption.appendChild(document.createTextNode(" "));
        caption.appendChild(count);
        countNodes[name][value] = count;
        row.appendChild(box);
        row.appendChild(caption);
        values.appendChild(row);
      });
      block.appendChild(values);
      fieldset.appendChild(block);
    });
    panel.appendChild(fieldset);
    panel.hidden = false;
    showCounts(filters);
  }

  function showCounts(filters) {
    Object.keys(countNodes).forEach(function (name) {
      Object.keys(countNodes[name]).forEach(function (value) {
        var count = (filters[name] && filters[name][value]) || 0;
        countNodes[name][value].textContent = "(" + count + ")";
      });
    });
  }

  function choose(name, value, on) {
    var values = (selected[name] || []).filter(function (chosen) { return chosen !== value; });
    if (on) { values.push(value); }
    if (values.length) { selected[name] = values; } else { delete selected[name]; }
    search();
  }

  function anyFilter() { return Object.keys(selected).length > 0; }

  function clearResults() {
    list.textContent = "";
    more.hidden = true;
    current = null;
  }

  async function showMore() {
    var number = searchNumber;
    var page = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    var data = await Promise.all(page.map(function (result) { return result.data(); }));
    if (number !== searchNumber) { return; }
    data.forEach(function (item) { list.appendChild(resultElement(item)); });
    current.shown += page.length;
    more.hidden = current.shown >= current.results.length;
  }

  async function search() {
    var number = ++searchNumber;
    var query = input.value.trim();
    remember(query);
    if (!pagefind) { return; }
    if (!query && !anyFilter()) {
      clearResults();
      status.textContent = "";
      showCounts(await pagefind.filters());
      return;
    }
    status.textContent = text("searching");
    var options = { filters: selected };
    if (!query) { options.sort = { date: "desc" }; }
    var response = await pagefind.search(query || null, options);
    if (number !== searchNumber || !response) { return; }
    clearResults();
    current = { results: response.results, shown: 0 };
    showCounts(response.filters || {});
    var count = response.results.length;
    if (!count) {
      status.textContent = query ? text("no-results", { query: query }) : counted("filtered", 0);
      return;
    }
    await showMore();
    if (number !== searchNumber) { return; }
    status.textContent = query ? counted("results", count, { query: query }) : counted("filtered", count);
  }

  function remember(query) {
    var url = new URL(window.location.href);
    if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  async function start() {
    pagefind = await import(bundles[0] + "pagefind.js");
    await pagefind.options({ bundlePath: bundles[0], excerptLength: 30 });
    for (var i = 1; i < bundles.length; i++) {
      await pagefind.mergeIndex(bundles[i]);
    }
    buildFilters(await pagefind.filters());
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (!query) { input.focus(); }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search();
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 300);
  });
  more.textContent = text("load-more");
  more.addEventListener("click", function () { showMore(); });
  start().then(search).catch(function () {
    status.textContent = text("error");
  });
})();
