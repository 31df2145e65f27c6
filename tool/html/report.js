// threadlife's HTML report: sortable tables, and the findings list drawn a
// page at a time from findings.js, so that an index of many thousands of
// findings loads at once.
(function () {
  'use strict';

  function cellValue(row, column) {
    var text = row.cells[column].getAttribute('data-value') || row.cells[column].textContent;
    var number = Number(text);
    return text !== '' && !isNaN(number) ? number : text.toLowerCase();
  }

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function makeSortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, column) {
      th.classList.add('sortable');
      th.addEventListener('click', function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var descending = th.getAttribute('aria-sort') === 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        rows.sort(function (a, b) {
          var order = compare(cellValue(a, column), cellValue(b, column));
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // Each finding: [id, check, file, line, column, level, message].
  var PageSize = 100;

  function findingsList(findings) {
    var table = document.getElementById('findings');
    if (!table) return;
    var body = table.tBodies[0];
    var filter = document.getElementById('filter');
    var pageLabel = document.getElementById('page');
    var shown = findings, page = 0, key = 0, descending = false;

    function draw() {
      var pages = Math.max(1, Math.ceil(shown.length / PageSize));
      page = Math.min(page, pages - 1);
      var rows = [];
      shown.slice(page * PageSize, (page + 1) * PageSize).forEach(function (f) {
        var tr = document.createElement('tr');
        tr.className = 'finding';
        [
          ['num', String(f[0])],
          ['check', f[1]],
          ['mono', f[2] + ':' + f[3] + ':' + f[4]],
          ['message', f[6]]
        ].forEach(function (cell, i) {
          var td = document.createElement('td');
          td.className = cell[0];
          if (i === 3) {
            var a = document.createElement('a');
            a.href = 'findings/' + f[0] + '.html';
            a.textContent = cell[1];
            td.appendChild(a);
          } else {
            td.textContent = cell[1];
          }
          tr.appendChild(td);
        });
        rows.push(tr);
      });
      body.replaceChildren.apply(body, rows);
      pageLabel.textContent = shown.length
        ? 'page ' + (page + 1) + ' of ' + pages + ' (' + shown.length + ' findings)'
        : 'no findings match';
    }

    function sortBy(column) {
      var index = [0, 1, 2, 6][column];
      descending = key === index ? !descending : false;
      key = index;
      shown = shown.slice().sort(function (a, b) {
        var order = index === 2 ? compare(a[2], b[2]) || a[3] - b[3] || a[4] - b[4]
                                : compare(a[index], b[index]);
        return descending ? -order : order;
      });
      page = 0;
      draw();
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.classList.add('sortable');
      th.addEventListener('click', function () { sortBy(column); });
    });
    filter.addEventListener('input', function () {
      var words = filter.value.toLowerCase();
      shown = findings.filter(function (f) {
        return (f[1] + ' ' + f[2] + ' ' + f[6]).toLowerCase().indexOf(words) >= 0;
      });
      page = 0;
      draw();
    });
    document.getElementById('previous').addEventListener('click', function () {
      if (page > 0) { page -= 1; draw(); }
    });
    document.getElementById('next').addEventListener('click', function () {
      page += 1; draw();
    });
    draw();
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable-table'), makeSortable);
    findingsList(window.threadlifeFindings || []);
    document.documentElement.setAttribute('data-rendered-ms',
                                          String(Math.round(performance.now())));
  });
})();
