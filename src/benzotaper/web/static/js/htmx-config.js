// htmx settings for a strict Content-Security-Policy (see benzotaper/web/security.py).
// Loaded with `defer` right after htmx.min.js, so it runs before htmx starts on DOMContentLoaded.
(function () {
  "use strict";
  // No eval: hx-on and js: expressions would need 'unsafe-eval'.
  htmx.config.allowEval = false;
  // No injected <style> for indicators: style-src 'self' would block it; app.css has the rule.
  htmx.config.includeIndicatorStyles = false;

  // The CSRF cookie is HttpOnly, so the token comes from <meta name="csrf-token"> in base.html.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
    }
  });
})();
