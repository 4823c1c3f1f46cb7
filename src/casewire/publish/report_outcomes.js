// The report's outcomes table: search, sort and pages over the rows in #outcomes-data.
// Document text is only ever set as textContent, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("outcomes-data").textContent);
  var F = {};
  data.fields.forEach(function (name, i) { F[name] = i; });
  var rows = data.rows, docs = data.docs, passages = data.passages, page = data.page;
  var sortOf = {};
  data.columns.forEach(function (c) { sortOf[c[0]] = c[1]; });
  var table = document.getElementById("outcomes-table"), body = table.tBodies[0];
  var input = document.getElementById("outcome-search");
  var status = document.getElementById("outcome-status");
  var prev = document.getElementById("outcome-prev"), next = document.getElementById("outcome-next");
  var hay = rows.map(function (r) {
    return [r[F.date], r[F.defendant], r[F.outcome], r[F.terms], r[F.charges], r[F.court],
            r[F.judge], docs[r[F.doc]][0], passages[r[F.passage]][1]].join("\n").toLowerCase();
  });
  var shown = rows.map(function (_, i) { return i; });
  var sortField = "date", sortDir = -1, start = 0;

  function value(i, field) {
    var v = rows[i][F[field]];
    if (field === "doc") v = docs[v][0];
    if (field === "passage") v = passages[v][1];
    if (v === null || v === "") return null;
    return typeof v === "number" ? v : String(v).toLowerCase();
  }
  function compare(a, b) {
    var va = value(a, sortField), vb = value(b, sortField);
    if (va === null || vb === null) return va === vb ? a - b : (va === null ? 1 : -1);
    return (va < vb ? -1 : va > vb ? 1 : 0) * sortDir || a - b;
  }
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    shown = [];
    for (var i = 0; i < rows.length; i++) {
      if (words.every(function (w) { return hay[i].indexOf(w) >= 0; })) shown.push(i);
    }
    shown.sort(compare);
    start = 0;
    draw();
  }
  function td(tr, text, cls) {
    var cell = document.createElement("td");
    if (cls) cell.className = cls;
    cell.textContent = text === null || text === undefined ? "" : text;
    tr.appendChild(cell);
    return cell;
  }
  function part(parent, tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = text;
    parent.appendChild(el);
  }
  function row(i) {
    var r = rows[i], tr = document.createElement("tr");
    tr.setAttribute("data-outcome", r[F.id]);
    td(tr, r[F.date] || "\u2014", "date");
    td(tr, r[F.defendant]);
    td(tr, (r[F.outcome] || "").replace(/_/g, " "));
    td(tr, r[F.terms]);
    td(tr, r[F.charges]);
    td(tr, r[F.court]);
    td(tr, r[F.judge]);
    var d = docs[r[F.doc]], src = td(tr, "", "source");
    if (d[1] && /^https?:\/\//i.test(d[1])) {
      var a = document.createElement("a");
      a.href = d[1];
      a.rel = "noopener noreferrer";
      a.textContent = d[0];
      src.appendChild(a);
    } else {
      src.textContent = d[0];
      src.title = d[2];
    }
    var p = passages[r[F.passage]], ev = td(tr, "", "evidence");
    if (p[0]) part(ev, "span", "ctx before", p[0]);
    part(ev, "mark", "", p[1]);
    if (p[2]) part(ev, "span", "ctx after", p[2]);
    return tr;
  }
  function draw() {
    var frag = document.createDocumentFragment();
    shown.slice(start, start + page).forEach(function (i) { frag.appendChild(row(i)); });
    body.replaceChildren(frag);
    var end = Math.min(start + page, shown.length), n = function (x) { return x.toLocaleString("en-US"); };
    status.textContent = (shown.length ? "rows " + n(start + 1) + "\u2013" + n(end) + " of " : "none of ") +
      n(shown.length) + " matching (" + n(rows.length) + " outcomes)";
    prev.disabled = start === 0;
    next.disabled = end >= shown.length;
  }
  table.tHead.querySelectorAll("th").forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var field = sortOf[th.getAttribute("data-col")];
      sortDir = field === sortField ? -sortDir : 1;
      sortField = field;
      table.tHead.querySelectorAll("th").forEach(function (o) { o.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      shown.sort(compare);
      start = 0;
      draw();
    });
  });
  input.addEventListener("input", filter);
  prev.addEventListener("click", function () { start = Math.max(0, start - page); draw(); });
  next.addEventListener("click", function () { start += page; draw(); });
  draw();
})();
