// gtmbook default theme: client-side search over the sharded index, the shared sidebar
// of long sections, and the phone menu.
(function () {
  "use strict";
  var base = document.documentElement.getAttribute("data-base-url") || "/";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var manifest = null, termChunks = {}, docChunks = {}, selected = -1, seq = 0;

  function fetchJson(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }
  // The index (docs/themes.md, "Search index"): a manifest, terms in sorted chunks, and
  // documents in chunks of `doc_chunk`. A query loads only the chunks it needs.
  function loadManifest() {
    if (!manifest) { manifest = fetchJson(base + "search/index.json"); }
    return manifest;
  }
  function loadTerms(n) {
    if (!termChunks[n]) { termChunks[n] = fetchJson(base + "search/terms-" + n + ".json"); }
    return termChunks[n];
  }
  function loadDocs(n) {
    if (!docChunks[n]) { docChunks[n] = fetchJson(base + "search/docs-" + n + ".json"); }
    return docChunks[n];
  }
  // The chunks that may hold terms starting with `w`: the last one starting at or before
  // it, and the later ones whose first term starts with it, at most MAX_CHUNKS in all (a
  // short prefix of thousands of terms finds the first of them; typing on narrows it).
  var MAX_CHUNKS = 4;
  function chunksFor(firsts, w) {
    var lo = 0, hi = firsts.length - 1, at = 0, out = [];
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= w) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (firsts.length) { out.push(at); }
    for (var j = at + 1; j < firsts.length && out.length < MAX_CHUNKS && firsts[j].indexOf(w) === 0; j++) { out.push(j); }
    return out;
  }
  function words(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
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
    loadManifest().then(function (m) {
      if (!m || m.version !== 2) { return []; }
      var stride = (m.posting_fields || []).length || 2;
      return Promise.all(terms.map(function (t) {
        return Promise.all(chunksFor(m.terms || [], t).map(loadTerms));
      })).then(function (res) {
        if (my !== seq) { return null; }
        var scores = {}, matchedAll = {};
        terms.forEach(function (t, i) {
          var seen = {};
          res[i].forEach(function (chunk) {
            Object.keys(chunk || {}).forEach(function (term) {
              if (term.indexOf(t) !== 0) { return; }
              var exact = term === t ? 2 : 1, p = chunk[term], doc = 0;
              for (var k = 0; k + 1 < p.length; k += stride) {
                doc += p[k];
                scores[doc] = (scores[doc] || 0) + p[k + 1] * exact;
                seen[doc] = true;
              }
            });
          });
          Object.keys(seen).forEach(function (doc) { matchedAll[doc] = (matchedAll[doc] || 0) + 1; });
        });
        var size = m.doc_chunk || 32, f = m.doc_fields || [];
        var at = function (name) { return f.indexOf(name); };
        var top = Object.keys(scores).filter(function (doc) { return matchedAll[doc] === terms.length; })
          .map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 10);
        return Promise.all(top.map(function (n) {
          return loadDocs(Math.floor(n / size)).then(function (chunk) {
            var r = (chunk || [])[n % size] || [];
            return { title: r[at("title")] || "", url: r[at("url")] || "", section: r[at("section")] || "", text: r[at("text")] || "" };
          });
        }));
      });
    }).then(function (ranked) {
      if (ranked && my === seq) { render(ranked, terms, my); }
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
        '</span><span class="sr-section">' + escapeHtml(r.section || "") + '</span><span class="sr-snippet">' +
        snippet(r.text || "", terms) + '</span></a>';
      list.appendChild(li);
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
    input.addEventListener("focus", loadManifest);
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
  // A long sidebar is a shared file; the page carries only its own place in it, in an
  // element naming the file (`data-nav-src`) and the page (`data-nav-current`). Put the
  // whole in place, mark the page and open the lists it is in.
  function findLink(root, url) {
    var links = root.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href") === url) { return links[i]; }
    }
    return null;
  }
  function markCurrent(root, url) {
    var hit = url ? findLink(root, url) : null;
    if (!hit) { return null; }
    hit.setAttribute("aria-current", "page");
    for (var el = hit.parentElement; el && el !== root; el = el.parentElement) {
      if (el.tagName === "LI") { el.classList.add("open"); }
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    return hit;
  }
  var holder = document.querySelector("[data-nav-src]");
  if (holder && window.fetch) {
    fetch(holder.getAttribute("data-nav-src")).then(function (r) {
      if (!r.ok) { throw new Error("sidebar: " + r.status); }
      return r.text();
    }).then(function (html) {
      var focused = holder.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
      holder.innerHTML = html;
      holder.setAttribute("data-nav-loaded", "");
      var hit = markCurrent(holder, holder.getAttribute("data-nav-current") || "");
      if (focused) {
        var same = findLink(holder, focused);
        if (same) { same.focus(); }
      }
      var side = holder.closest ? holder.closest(".sidebar") || holder : holder;
      if (hit && side.getBoundingClientRect) {
        var r = hit.getBoundingClientRect(), s = side.getBoundingClientRect();
        if (r.top < s.top || r.bottom > s.bottom) { side.scrollTop += r.top - s.top - s.height / 3; }
      }
    }).catch(function () { /* the page's own window of the sidebar stays */ });
  }
  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
})();
