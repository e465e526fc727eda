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
