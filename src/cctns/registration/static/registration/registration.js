/* Registration forms: "add a row" without a page reload. Without JavaScript the same button
   submits the form and the server returns it with one more row (nothing typed is lost). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-row]");
    if (!button) { return; }
    var prefix = button.getAttribute("data-add-row");
    var template = document.getElementById(prefix + "-empty");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var rows = document.querySelector('[data-rows="' + prefix + '"]');
    if (!template || !total || !rows) { return; }
    event.preventDefault();
    var n = parseInt(total.value, 10) || 0;
    var html = template.innerHTML.replace(/__prefix__/g, String(n)).replace(/__num__/g, String(n + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(n + 1);
    var added = rows.lastElementChild;
    if (window.htmx && added) { window.htmx.process(added); }
    var first = added && added.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  });
})();
