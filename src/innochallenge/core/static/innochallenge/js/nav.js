// The grouped main menu (<details class="nav-group"> in base.html), loaded as a file for the CSP. The
// menu works without this script; it only keeps one group open at a time and closes the open group on
// a click elsewhere or on Escape, as a dropdown menu does.
(function () {
  "use strict";
  function groups() { return document.querySelectorAll("details.nav-group"); }
  function closeAll(except) {
    groups().forEach(function (group) { if (group !== except) group.open = false; });
  }
  function setUp() {
    groups().forEach(function (group) {
      group.addEventListener("toggle", function () { if (group.open) closeAll(group); });
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest("details.nav-group")) closeAll(null);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = document.querySelector("details.nav-group[open]");
      if (!open) return;
      open.open = false;
      open.querySelector("summary").focus();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
