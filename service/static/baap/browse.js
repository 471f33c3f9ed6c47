/* /browse/activities, without inline script: the filters fold behind a button on
   narrow screens (without this script they are simply shown). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var toggle = document.getElementById("filters-toggle");
  var filters = document.getElementById("filters");
  if (toggle && filters) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      filters.classList.toggle("open", open);
    });
  }
})();
