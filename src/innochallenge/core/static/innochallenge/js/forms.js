// Small helpers for forms, loaded as a file (the CSP forbids inline scripts).
// - <div data-counter-for="id_x"> shows how many characters field id_x holds, as the server counts
//   them (surrounding white space not counted).
// - <button data-print> prints the page.
(function () {
  "use strict";
  function count(text) { return Array.from(text.trim()).length; }
  function setUp() {
    document.querySelectorAll("[data-counter-for]").forEach(function (out) {
      var field = document.getElementById(out.getAttribute("data-counter-for"));
      if (!field) return;
      var template = out.getAttribute("data-template") || "{n}";
      var update = function () { out.textContent = template.replace("{n}", count(field.value)); };
      field.addEventListener("input", update);
      update();
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
