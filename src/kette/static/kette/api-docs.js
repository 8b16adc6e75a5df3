// Starts Swagger UI on the API documentation page (kette_api/docs.html).
// A file, not an inline script: the Content-Security-Policy allows only 'self'.
"use strict";

(function () {
  const element = document.getElementById("swagger-ui");
  if (!element || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  const csrfToken = element.dataset.csrfToken;
  SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    domNode: element,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    // No call to the public validator service: nothing leaves this site.
    validatorUrl: null,
    requestInterceptor: function (request) {
      // Writes with the browser session need Django's CSRF token.
      if (request.method && request.method !== "GET" && csrfToken) {
        request.headers["X-CSRFToken"] = csrfToken;
      }
      return request;
    },
  });
})();
