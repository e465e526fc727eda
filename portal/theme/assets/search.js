// The search page: Pagefind, loaded here only. The query lives in the URL (?q=…), so results can
// be shared and the back button works. Pagefind folds diacritics: "to quoc" finds "Tổ quốc".
(function () {
  "use strict";
  var form = document.querySelector("[data-portal-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var older = document.querySelector("[data-search-older]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var pagefind = null;
  var results = [];
  var shown = 0;
  var PAGE = 10;
  var run = 0;
  var current = [];  // the query's terms
  var base = new URL(form.getAttribute("data-base"), location.href);
  // Item shards by year, newest first, in tiers: a query searches the documents and the newest
  // tier, and older tiers only when asked (its cost grows with the pages searched).
  var tiers = JSON.parse(form.getAttribute("data-search-tiers") || "[]");
  var merged = {};  // bundle path -> its merge
  var searched = Math.min(1, tiers.length);  // tiers searched, newest first

  function load() {
    if (!pagefind) {
      pagefind = import(form.getAttribute("data-pagefind")).then(function (module) {
        return module.options({ baseUrl: base.pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function chosenYear() {
    var select = form.querySelector("select[name=year]");
    return select && select.value ? Number(select.value) : 0;
  }

  // The shards a query needs: those of a chosen year, or else the tiers searched so far.
  function needed() {
    var year = chosenYear();
    var bundles = [];
    tiers.forEach(function (tier, i) {
      tier.forEach(function (b) {
        if (year ? b.first <= year && year <= b.last : i < searched) bundles.push(b);
      });
    });
    return bundles;
  }

  function merge(bundles) {
    return load().then(function (module) {
      return Promise.all(bundles.map(function (b) {
        if (!merged[b.path]) {
          merged[b.path] = module.mergeIndex(new URL(b.path, base).pathname, { baseUrl: base.pathname });
        }
        return merged[b.path];
      })).then(function () {
        // A tier merged whole (a year's shard may have been) counts as searched.
        while (searched < tiers.length && tiers[searched].every(function (b) { return merged[b.path]; })) searched++;
        return module;
      });
    });
  }

  // The tier the "older" button would add, unless the query already covers what it asks.
  function nextTier() {
    return chosenYear() || searched >= tiers.length ? null : tiers[searched];
  }

  // The first and the last year of a tier.
  function span(tier) {
    return [Math.min.apply(null, tier.map(function (b) { return b.first; })),
      Math.max.apply(null, tier.map(function (b) { return b.last; }))];
  }

  function since() {
    var tier = nextTier() && tiers[searched - 1];
    return tier ? ". " + form.getAttribute("data-text-since").replace("{year}", span(tier)[0]) : "";
  }

  // Vietnamese digit grouping: 19.732.
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  function offerOlder() {
    var tier = nextTier();
    older.hidden = !tier;
    if (!tier) return;
    older.textContent = form.getAttribute("data-text-older")
      .replace("{first}", span(tier)[0]).replace("{last}", span(tier)[1]);
  }

  // "đ" is a letter of its own, not a mark: pages also index their "đ" words spelled with "d",
  // so a query is folded the same way and "dang uy" and "Đảng ủy" both find "Đảng ủy".
  function fold(text) { return text.replace(/đ/g, "d").replace(/Đ/g, "D"); }

  // Ranking and excerpts are made here from the page's text, not by Pagefind: its excerpts
  // showed the hidden "d" spellings, and a prefix ("lua" in "luật") counted as much as a word.
  // The hidden spellings are indexed between ⟦ and ⟧ (portal/text.py, d_folded_words).
  var HIDDEN = /⟦[^⟧]*⟧/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var EXCERPT_WORDS = 30;
  var RANKED = 20;  // results whose text is loaded to rank them before the first are shown

  function bare(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase();
  }

  // How well one word meets one query term: 3 spelled the same, 2 the same word without
  // diacritics, 1 a word the term begins, 0 not at all. A term typed with its marks begins only
  // words spelled that way: "lừa" is not the start of "luật".
  function meets(word, term) {
    var lower = word.toLowerCase();
    if (lower === term.spelled) return 3;
    var folded = bare(word);
    if (folded === term.bare) return 2;
    if (folded.indexOf(term.bare) !== 0) return 0;
    return !term.marked || lower.indexOf(term.spelled) === 0 ? 1 : 0;
  }

  function terms(query) {
    return (query.normalize("NFC").toLowerCase().match(WORD) || []).map(function (word) {
      return { spelled: word, bare: bare(word), marked: bare(word) !== word };
    });
  }

  // The page's visible text (its title first, then its body), each word with how it meets each
  // term, the best of each term, and whether the terms stand together in order as typed.
  function read(data, wanted) {
    var text = data.content.replace(HIDDEN, " ").replace(/\s+/g, " ").trim();
    var title = data.meta.title || "";
    if (title && text.indexOf(title) === 0) text = text.slice(title.length).replace(/^[.\s]+/, "");
    var words = [];
    var found;
    WORD.lastIndex = 0;
    while ((found = WORD.exec(title + " " + text))) {
      words.push({ at: found.index, text: found[0], meets: wanted.map(function (t) { return meets(found[0], t); }) });
    }
    var best = wanted.map(function (_, i) {
      return words.reduce(function (top, w) { return Math.max(top, w.meets[i]); }, 0);
    });
    var together = wanted.length > 1 && words.some(function (_, start) {
      return wanted.every(function (__, i) {
        var w = words[start + i];
        return w && w.meets[i] >= 2;
      });
    });
    return { text: text, offset: title.length + 1, words: words, best: best, together: together };
  }

  function rank(page) {
    return (page.together ? 100 : 0) + page.best.reduce(function (sum, b) { return sum + (b >= 2 ? 10 + b : b); }, 0);
  }

  // About thirty words of the body around its best-matching stretch, the matches marked.
  function excerpt(page) {
    var body = page.words.filter(function (w) { return w.at >= page.offset; });
    var marked = body.map(function (w) {
      return w.meets.some(function (m, i) { return m > 0 && m === page.best[i]; });
    });
    var start = 0;
    var top = -1;
    for (var i = 0; i < Math.max(1, body.length - EXCERPT_WORDS + 1); i++) {
      var score = marked.slice(i, i + EXCERPT_WORDS).filter(Boolean).length;
      if (score > top) { top = score; start = i; }
    }
    var shown = body.slice(start, start + EXCERPT_WORDS);
    var element = document.createElement("p");
    element.className = "portal-card__summary";
    if (!shown.length) return element;
    var from = shown[0].at - page.offset;
    var last = shown[shown.length - 1];
    var to = last === body[body.length - 1] ? page.text.length : last.at - page.offset + last.text.length;
    if (start > 0) element.appendChild(document.createTextNode("… "));
    var at = from;
    shown.forEach(function (w, j) {
      if (!marked[start + j]) return;
      var begin = w.at - page.offset;
      element.appendChild(document.createTextNode(page.text.slice(at, begin)));
      var mark = document.createElement("mark");
      mark.textContent = w.text;
      element.appendChild(mark);
      at = begin + w.text.length;
    });
    element.appendChild(document.createTextNode(page.text.slice(at, to)));
    if (to < page.text.length) element.appendChild(document.createTextNode(" …"));
    return element;
  }

  function filters() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) chosen[select.name] = select.value; });
    return chosen;
  }

  function state() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value;
    return element;
  }

  function render(data) {
    var item = document.createElement("li");
    item.className = "portal-card";
    var title = document.createElement("h2");
    title.className = "portal-card__title";
    var link = text("a", "", data.meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    item.appendChild(title);
    var meta = [data.meta.date, data.meta.category, data.meta.kind].filter(Boolean).join(" · ");
    if (meta) item.appendChild(text("p", "portal-card__meta", meta));
    item.appendChild(excerpt(data.page));
    return item;
  }

  // Results load their text in Pagefind's order; the first RANKED are then reordered so that
  // pages holding the typed words come before pages that only hold longer words they begin.
  function loadData(from, count, wanted) {
    return Promise.all(results.slice(from, from + count).map(function (r) {
      return r.data().then(function (data) { data.page = read(data, wanted); return data; });
    }));
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    list.setAttribute("aria-busy", "true");
    return Promise.all(batch.map(function (r) { return r.loaded || r.data(); })).then(function (all) {
      all.forEach(function (data) {
        if (!data.page) data.page = read(data, current);
        list.appendChild(render(data));
      });
      more.hidden = shown >= results.length;
      list.setAttribute("aria-busy", "false");
    });
  }

  function search() {
    var query = input.value.trim();
    var mine = ++run;
    list.textContent = "";
    more.hidden = true;
    older.hidden = true;
    list.setAttribute("aria-busy", "true");
    if (!query) { status.textContent = ""; list.setAttribute("aria-busy", "false"); return Promise.resolve(); }
    status.textContent = form.getAttribute("data-text-loading");
    return merge(needed()).then(function (module) {
      return module.search(fold(query), { filters: filters() });
    }).then(function (found) {
      if (mine !== run) return;
      results = found.results;
      current = terms(query);
      return loadData(0, RANKED, current);
    }).then(function (loaded) {
      if (mine !== run || !loaded) return;
      // A page none of whose words meets the query (Pagefind matched a prefix the typed marks
      // rule out, or a hidden spelling only) is no result.
      var order = loaded.map(function (data, i) { return { data: data, rank: rank(data.page), i: i }; })
        .filter(function (o) { return o.rank > 0; });
      order.sort(function (a, b) { return b.rank - a.rank || a.i - b.i; });
      results = order.map(function (o) { return { loaded: o.data }; }).concat(results.slice(RANKED));
      shown = 0;
      // The count appears with the first results, not before their fragments have loaded.
      return showMore().then(function () {
        if (mine !== run) return;
        status.textContent = (results.length
          ? form.getAttribute("data-text-count").replace("{count}", number(results.length)).replace("{query}", query)
          : form.getAttribute("data-text-none")) + since();
        offerOlder();
      });
    });
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (select) { select.value = params.get(select.name) || ""; });
    return search();
  }

  // The filters' values are written into the page; a value in the URL is chosen as it was.
  fromUrl();
  // Pagefind and the newest shards load while the reader types.
  input.addEventListener("focus", function () { merge(needed()); }, { once: true });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.pushState(null, "", state());
    search();
  });
  selects.forEach(function (select) {
    select.addEventListener("change", function () { history.replaceState(null, "", state()); search(); });
  });
  window.addEventListener("popstate", fromUrl);
  more.addEventListener("click", showMore);
  older.addEventListener("click", function () {
    searched++;
    status.focus();  // the button goes while the wider search runs
    search();
  });
})();
