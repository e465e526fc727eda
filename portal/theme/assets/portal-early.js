// Runs in <head> before first paint (no defer): what Material's inline script defined, with the
// site's scope from this tag's data-scope, and the font size a reader chose earlier.
(function (tag) {
  "use strict";
  window.__md_scope = new URL(tag.getAttribute("data-scope"), location);
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  };
  // Controls that need script (the font size) are laid out from first paint, not revealed later.
  document.documentElement.classList.add("portal-js");
  try {
    var scale = localStorage.getItem("portal-font-scale");
    if (scale) document.documentElement.style.setProperty("--portal-font-scale", scale);
  } catch (e) { /* storage blocked: the default size */ }
})(document.currentScript);
