/* /docs: Swagger UI on this server's OpenAPI document, started from this file (the page has no
   inline script). Nothing is fetched from another origin: no validator badge, no remote config. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") return;
  root.textContent = "";
  window.baapDocs = SwaggerUIBundle({
    url: root.getAttribute("data-url"),
    domNode: root,
    layout: "BaseLayout",
    deepLinking: false,
    validatorUrl: null,
    showExtensions: true,
    presets: [SwaggerUIBundle.presets.apis],
    onComplete: function () { root.setAttribute("data-ready", "true"); },
  });
})();
