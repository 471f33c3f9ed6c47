/* /suggest, without inline script: pointing at (or focusing) a suggestion lights up the words
   of the text behind it. Without this script every piece of evidence is simply marked. */
(function () {
  "use strict";
  var marks = document.querySelectorAll(".suggest-marked mark");
  function light(id, on) {
    for (var i = 0; i < marks.length; i++) {
      var ids = (marks[i].getAttribute("data-for") || "").split(" ");
      marks[i].classList.toggle("lit", on && ids.indexOf(id) !== -1);
    }
  }
  var items = document.querySelectorAll(".suggestion[data-id]");
  for (var i = 0; i < items.length; i++) {
    (function (item) {
      var id = item.getAttribute("data-id");
      item.addEventListener("mouseenter", function () { light(id, true); });
      item.addEventListener("mouseleave", function () { light(id, false); });
      item.addEventListener("focus", function () { light(id, true); });
      item.addEventListener("blur", function () { light(id, false); });
    })(items[i]);
  }
})();
