// Narrows a list as the reader types. The page works without this script:
// the filter box stays hidden and every row is shown. Rows carry
// data-filter-item (lower-case text to match); groups of rows
// (data-filter-group) are hidden when none of their rows is shown.
(function () {
  "use strict";
  var box = document.querySelector("[data-filter]");
  var input = document.querySelector("[data-filter-input]");
  var count = document.querySelector("[data-filter-count]");
  if (!box || !input) {
    return;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
  box.hidden = false;

  function apply() {
    var words = input.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (el) {
      var text = el.getAttribute("data-filter-item");
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      el.hidden = !match;
      if (match) {
        shown++;
      }
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("[data-filter-item]:not([hidden])");
    });
    if (count) {
      count.textContent = words.length ? shown + " / " + items.length : "";
    }
  }

  input.addEventListener("input", apply);
  if (input.value) {
    apply();
  }
})();
