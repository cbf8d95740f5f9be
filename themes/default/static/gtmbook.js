// gtmbook default theme: client-side search over the sharded index, and the phone menu.
(function () {
  "use strict";
  var base = document.documentElement.getAttribute("data-base-url") || "/";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var docs = null, shards = {}, pages = {}, selected = -1, seq = 0;

  function fetchJson(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
  }
  function loadDocs() {
    if (!docs) { docs = fetchJson(base + "search/docs.json"); }
    return docs;
  }
  function shardKey(term) {
    var c = term.charAt(0);
    return /[a-z0-9]/.test(c) ? c : "_";
  }
  function loadShard(k) {
    if (!shards[k]) { shards[k] = fetchJson(base + "search/terms-" + k + ".json"); }
    return shards[k];
  }
  function words(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  function pageText(url) {
    if (!pages[url]) {
      pages[url] = fetch(url).then(function (r) { return r.text(); }).then(function (html) {
        var d = new DOMParser().parseFromString(html, "text/html");
        var m = d.querySelector("main .content") || d.querySelector("main");
        if (!m) { return ""; }
        m.querySelectorAll(".anchor, script, style").forEach(function (a) { a.remove(); });
        return m.textContent.replace(/\s+/g, " ").trim();
      }).catch(function () { return ""; });
    }
    return pages[url];
  }
  function snippet(text, terms) {
    var lower = text.toLowerCase(), at = -1, hit = "";
    for (var i = 0; i < terms.length && at < 0; i++) { at = lower.indexOf(terms[i]); hit = terms[i]; }
    if (at < 0) { return escapeHtml(text.slice(0, 140)); }
    var start = Math.max(0, at - 60), end = Math.min(text.length, at + hit.length + 80);
    return (start > 0 ? "…" : "") + escapeHtml(text.slice(start, at)) + "<mark>" +
      escapeHtml(text.slice(at, at + hit.length)) + "</mark>" + escapeHtml(text.slice(at + hit.length, end)) + (end < text.length ? "…" : "");
  }
  function search(q) {
    var terms = words(q), my = ++seq;
    if (!terms.length) { render([], terms, my); return; }
    var keys = terms.map(shardKey);
    Promise.all([loadDocs()].concat(keys.map(loadShard))).then(function (res) {
      if (my !== seq) { return; }
      var d = res[0], scores = {}, matchedAll = {};
      terms.forEach(function (t, i) {
        var shard = res[i + 1], seen = {};
        Object.keys(shard).forEach(function (term) {
          if (term.indexOf(t) !== 0) { return; }
          var exact = term === t ? 2 : 1;
          shard[term].forEach(function (p) {
            scores[p[0]] = (scores[p[0]] || 0) + p[1] * exact;
            seen[p[0]] = true;
          });
        });
        Object.keys(seen).forEach(function (doc) { matchedAll[doc] = (matchedAll[doc] || 0) + 1; });
      });
      var ranked = Object.keys(scores).filter(function (doc) { return matchedAll[doc] === terms.length; })
        .sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 10)
        .map(function (n) { return { title: d[n][0], url: d[n][1], section: d[n][2] }; });
      render(ranked, terms, my);
    });
  }
  function render(results, terms, my) {
    list.innerHTML = "";
    selected = -1;
    if (!input.value.trim()) { list.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
    if (!results.length) {
      list.innerHTML = '<li class="sr-empty" role="option" aria-disabled="true">No pages match “' + escapeHtml(input.value) + '”.</li>';
    }
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "sr-" + i;
      li.innerHTML = '<a href="' + escapeHtml(r.url) + '"><span class="sr-title">' + escapeHtml(r.title) +
        '</span><span class="sr-section">' + escapeHtml(r.section || "") + '</span><span class="sr-snippet"></span></a>';
      list.appendChild(li);
      pageText(r.url).then(function (text) {
        if (my === seq) { li.querySelector(".sr-snippet").innerHTML = snippet(text, terms); }
      });
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function move(delta) {
    var items = list.querySelectorAll("li[role=option]:not([aria-disabled])");
    if (!items.length) { return; }
    if (selected >= 0 && items[selected]) { items[selected].removeAttribute("aria-selected"); }
    selected = (selected + delta + items.length) % items.length;
    items[selected].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", items[selected].id);
    items[selected].scrollIntoView({ block: "nearest" });
  }
  if (input && list) {
    var timer = null;
    input.addEventListener("focus", loadDocs);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 80);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Enter") {
        var items = list.querySelectorAll("li[role=option] a");
        var target = items[selected >= 0 ? selected : 0];
        if (target) { e.preventDefault(); window.location.href = target.getAttribute("href"); }
      } else if (e.key === "Escape") { input.value = ""; render([], [], ++seq); input.blur(); }
    });
    document.addEventListener("keydown", function (e) {
      var tag = (document.activeElement && document.activeElement.tagName) || "";
      if (e.key === "/" && tag !== "INPUT" && tag !== "TEXTAREA" && !e.metaKey && !e.ctrlKey) {
        e.preventDefault();
        input.focus();
      }
    });
    // `?q=words` opens the page with that search, so a search can be shared as a link.
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; search(initial); }
    document.addEventListener("click", function (e) {
      if (!e.target.closest || !e.target.closest(".search")) { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
    });
  }
  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
})();
