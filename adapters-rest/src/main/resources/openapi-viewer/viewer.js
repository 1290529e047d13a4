// Kept out of index.html: the Content-Security-Policy runs no inline script.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi/beian-verify-rest.yml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null
  });
});
