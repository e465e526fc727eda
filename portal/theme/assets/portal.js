// Progressive extras; every page is complete without this file.
(function () {
  "use strict";
  var KEY = "portal-font-scale";
  var STEPS = [0.9, 1, 1.15, 1.3, 1.5];

  function current() {
    var value = parseFloat(document.documentElement.style.getPropertyValue("--portal-font-scale"));
    return STEPS.indexOf(value) >= 0 ? value : 1;
  }

  function apply(scale) {
    document.documentElement.style.setProperty("--portal-font-scale", String(scale));
    try { localStorage.setItem(KEY, String(scale)); } catch (e) { /* private mode: not remembered */ }
  }

  // The print font is declared in the print-only sheet, so the screen never downloads it; the
  // print button loads it first, so the first printout already uses it.
  function printFonts() {
    if (!window.FontFace || !document.fonts) return Promise.resolve();
    var loads = [];
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      var rules;
      try { rules = sheet.cssRules; } catch (e) { return; }
      Array.prototype.forEach.call(rules || [], function (rule) {
        if (!(window.CSSFontFaceRule && rule instanceof CSSFontFaceRule)) return;
        var style = rule.style;
        var src = style.getPropertyValue("src").replace(/url\("?([^")]+)"?\)/, function (_, url) {
          return 'url("' + new URL(url, sheet.href).href + '")';
        });
        var face = new FontFace(style.getPropertyValue("font-family").replace(/"/g, ""), src, {
          weight: style.getPropertyValue("font-weight") || "400",
          style: style.getPropertyValue("font-style") || "normal"
        });
        document.fonts.add(face);
        loads.push(face.load().catch(function () { /* printed with a fallback serif */ }));
      });
    });
    return Promise.all(loads);
  }

  // Print: a button that calls the browser's print, the page's date in the printed footer, and
  // every link's full address next to it on paper.
  Array.prototype.forEach.call(document.querySelectorAll("[data-portal-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { printFonts().then(function () { window.print(); }); });
  });
  // Document numbers linked to the register read as text on paper: no address after them.
  Array.prototype.forEach.call(document.querySelectorAll(".portal-article__body a[href]:not(.portal-docref)"), function (link) {
    if (link.getAttribute("href").charAt(0) !== "#") link.setAttribute("data-print-url", link.href);
  });
  // A constructed stylesheet, not a <style> element: a strict Content-Security-Policy allows it.
  var footer = document.querySelector("[data-portal-print-footer]");
  if (footer && "adoptedStyleSheets" in document) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var printed = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
    var clean = function (text) { return text.replace(/["\\\n\r]/g, ""); };
    var url = clean(footer.getAttribute("data-portal-print-footer"));
    // The words come from the page (portal/vi.py), like every string the portal shows.
    var label = clean(footer.getAttribute("data-printed-on"));
    var sheet = new CSSStyleSheet({ media: "print" });
    sheet.replaceSync('@page { @bottom-left { content: "' + url + " · " + label + " " + printed +
      '"; font: 9pt "Portal Serif", serif; } }');
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  }

  var bar = document.querySelector("[data-portal-font-size]");
  if (!bar) return;
  bar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-step]");
    if (!button) return;
    var step = Number(button.getAttribute("data-step"));
    var index = STEPS.indexOf(current());
    var next = step === 0 ? 1 : STEPS[Math.min(STEPS.length - 1, Math.max(0, index + step))];
    apply(next);
  });
})();

// Filters over tables that are complete without script: a list's rows as you type (diacritics
// ignored, so "benh vien" finds "Bệnh viện"), the register by kind, issuer and year.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  var box = document.querySelector("[data-portal-table-filter]");
  var table = document.querySelector("[data-portal-datatable]");
  if (box && table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return fold(row.textContent); });
    var input = box.querySelector("input");
    var count = box.querySelector("[data-template]");
    var show = function () {
      var words = fold(input.value).split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (word) { return texts[i].indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      // Unfiltered, the page's own "150 dòng" already says it all.
      count.textContent = words.length ? count.getAttribute("data-template")
        .replace("{shown}", shown).replace("{total}", rows.length) : "";
    };
    box.hidden = false;
    input.addEventListener("input", show);
    show();
  }

  var form = document.querySelector("[data-portal-register-filter]");
  var register = document.querySelector("[data-portal-register]");
  if (form && register) {
    var entries = Array.prototype.slice.call(register.tBodies[0].rows);
    var empty = document.querySelector("[data-portal-register-empty]");
    var apply = function () {
      var wanted = {};
      Array.prototype.forEach.call(form.elements, function (el) { if (el.value) wanted[el.name] = el.value; });
      var shown = 0;
      entries.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (key) { return row.getAttribute("data-" + key) === wanted[key]; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      empty.hidden = shown > 0;
    };
    form.hidden = false;
    form.addEventListener("change", apply);
  }
})();

// The visitor counter: one request that records this view and returns the counts, the page's
// own among them (shown beside an article's date). When the service does not answer within a
// second the widget says so in words; without a configured service it stays hidden and sends
// nothing.
(function () {
  "use strict";
  var widget = document.querySelector("[data-portal-counter]");
  var endpoint = widget && widget.getAttribute("data-endpoint");
  if (!endpoint || !window.fetch) return;
  var format = function (n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); };
  var numbers = widget.querySelector("[data-counter-numbers]");
  var note = widget.querySelector("[data-counter-note]");
  widget.hidden = false;
  numbers.hidden = false;
  note.hidden = true;
  var failed = function () {
    clearTimeout(timer);
    numbers.hidden = true;
    note.textContent = widget.getAttribute("data-text-failed");
    note.hidden = false;
  };
  var controller = window.AbortController ? new AbortController() : null;
  var timer = setTimeout(function () { if (controller) controller.abort(); }, 1000);
  fetch(endpoint + "/api/view", {
    method: "POST",
    body: JSON.stringify({ path: location.pathname }),
    headers: { "Content-Type": "text/plain" },  // a "simple" request: no CORS preflight
    credentials: "omit",
    keepalive: true,
    signal: controller ? controller.signal : undefined
  }).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (counts) {
    clearTimeout(timer);
    ["online", "today", "total"].forEach(function (key) {
      var cell = widget.querySelector('[data-count="' + key + '"]');
      if (cell && typeof counts[key] === "number") cell.textContent = format(counts[key]);
    });
    var views = document.querySelector("[data-portal-views]");
    if (views && typeof counts.page === "number") {
      views.querySelector("[data-count=page]").textContent = format(counts.page);
      views.hidden = false;
    }
  }).catch(failed);
})();
