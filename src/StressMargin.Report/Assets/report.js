// StressMargin reports: sortable tables and plot selectors. The plots themselves are drawn by plotly.js from the
// figures Plotly.NET produced; this script only sorts table rows and swaps one figure for another.
(function () {
  "use strict";

  function cellKey(cell, numeric) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var v = parseFloat(raw);
    return isNaN(v) ? Number.NEGATIVE_INFINITY : v;
  }

  function sortTable(table, column, th) {
    var numeric = th.classList.contains("num");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellKey(a.cells[column], numeric), y = cellKey(b.cells[column], numeric);
      if (x < y) return ascending ? -1 : 1;
      if (x > y) return ascending ? 1 : -1;
      return 0;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function figuresOf(select) {
    if (!select._figures) select._figures = JSON.parse(document.getElementById(select.getAttribute("data-figures")).textContent);
    return select._figures;
  }

  // Replaces the figure in the select's plot by the selected one: its data, and its layout over the shared layout,
  // keeping the axis types the reader chose with the plot's buttons.
  function showFigure(select) {
    var figures = figuresOf(select);
    var figure = figures.figures[select.value];
    var plot = document.getElementById(select.getAttribute("data-plot")).querySelector(".js-plotly-plot");
    if (!figure || !plot) return;
    var layout = Object.assign({}, figures.layout, figure.layout);
    ["xaxis", "yaxis"].forEach(function (axis) {
      if (plot.layout && plot.layout[axis] && plot.layout[axis].type) layout[axis] = Object.assign({}, layout[axis], { type: plot.layout[axis].type });
    });
    Plotly.react(plot, figure.data, layout);
    select.setAttribute("data-shown", select.value);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        th.addEventListener("click", function () { sortTable(table, i, th); });
      });
    });
    document.querySelectorAll("select[data-figures]").forEach(function (select) {
      select.setAttribute("data-shown", select.value);
      select.addEventListener("change", function () { showFigure(select); });
    });
    document.querySelectorAll("tr[data-select]").forEach(function (row) {
      row.addEventListener("click", function () {
        var select = document.getElementById(row.getAttribute("data-target"));
        if (!select || !figuresOf(select).figures[row.getAttribute("data-select")]) return;
        select.value = row.getAttribute("data-select");
        showFigure(select);
        document.getElementById(select.getAttribute("data-plot")).scrollIntoView({ behavior: "smooth", block: "center" });
      });
    });
  });
})();
