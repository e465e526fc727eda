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

  // Print: a button that calls the browser's print, the page's date in the printed footer, and
  // every link's full address next to it on paper.
  Array.prototype.forEach.call(document.querySelectorAll("[data-portal-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".portal-article__body a[href]"), function (link) {
    if (link.getAttribute("href").charAt(0) !== "#") link.setAttribute("data-print-url", link.href);
  });
  var footer = document.querySelector("style[data-portal-print-footer]");
  if (footer) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var printed = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
    var url = footer.getAttribute("data-portal-print-footer").replace(/["\\]/g, "");
    footer.textContent = footer.textContent.replace(/content: "[^"]*"/, 'content: "' + url + " · In ngày " + printed + '"');
  }

  var bar = document.querySelector("[data-portal-font-size]");
  if (!bar) return;
  bar.hidden = false;
  bar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-step]");
    if (!button) return;
    var step = Number(button.getAttribute("data-step"));
    var index = STEPS.indexOf(current());
    var next = step === 0 ? 1 : STEPS[Math.min(STEPS.length - 1, Math.max(0, index + step))];
    apply(next);
  });
})();
