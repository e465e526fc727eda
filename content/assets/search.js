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
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var pagefind = null;
  var results = [];
  var shown = 0;
  var PAGE = 10;
  var run = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(form.getAttribute("data-pagefind")).then(function (module) {
        var base = new URL(form.getAttribute("data-base"), location.href).pathname;
        // Items are indexed by year, each year a bundle of its own, merged into the main one.
        var shards = (form.getAttribute("data-pagefind-shards") || "").split(" ").filter(Boolean);
        return module.options({ baseUrl: base }).then(function () {
          return Promise.all(shards.map(function (shard) {
            return module.mergeIndex(new URL(shard, location.href).pathname, { baseUrl: base });
          }));
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  // "đ" is a letter of its own, not a mark: pages also index their "đ" words spelled with "d",
  // so a query is folded the same way and "dang uy" and "Đảng ủy" both find "Đảng ủy".
  function fold(text) { return text.replace(/đ/g, "d").replace(/Đ/g, "D"); }

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
    var excerpt = document.createElement("p");
    excerpt.className = "portal-card__summary";
    excerpt.innerHTML = data.excerpt;  // Pagefind escapes the text and adds only <mark>
    item.appendChild(excerpt);
    return item;
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    list.setAttribute("aria-busy", "true");
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
      all.forEach(function (data) { list.appendChild(render(data)); });
      more.hidden = shown >= results.length;
      list.setAttribute("aria-busy", "false");
    });
  }

  function search() {
    var query = input.value.trim();
    var mine = ++run;
    list.textContent = "";
    more.hidden = true;
    list.setAttribute("aria-busy", "true");
    if (!query) { status.textContent = ""; list.setAttribute("aria-busy", "false"); return Promise.resolve(); }
    status.textContent = form.getAttribute("data-text-loading");
    return load().then(function (module) {
      return module.search(fold(query), { filters: filters() });
    }).then(function (found) {
      if (mine !== run) return;
      results = found.results;
      shown = 0;
      // The count appears with the first results, not before their fragments have loaded.
      return showMore().then(function () {
        if (mine !== run) return;
        status.textContent = results.length
          ? form.getAttribute("data-text-count").replace("{count}", results.length).replace("{query}", query)
          : form.getAttribute("data-text-none");
      });
    });
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (select) { select.value = params.get(select.name) || ""; });
    return search();
  }

  load().then(function (module) { return module.filters(); }).then(function (available) {
    selects.forEach(function (select) {
      // Vietnamese order: Đ right after D, tones in dictionary order.
      var values = Object.keys(available[select.name] || {}).sort(function (a, b) {
        return a.localeCompare(b, "vi");
      });
      if (select.name === "year") values.reverse();
      values.forEach(function (value) {
        var option = text("option", "", value + " (" + available[select.name][value] + ")");
        option.value = value;
        select.appendChild(option);
      });
      select.closest("label").hidden = values.length === 0;
    });
    return fromUrl();
  });

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
})();
