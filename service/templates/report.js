(function () {
  "use strict";
  var table = document.getElementById("objects");
  if (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var search = document.getElementById("filter-text");
    var pick = document.getElementById("filter-outcome");
    var shown = document.getElementById("filter-count");
    var filter = function () {
      var q = search.value.trim().toLowerCase();
      var outcome = pick.value;
      var n = 0;
      rows.forEach(function (r, i) {
        var hit = (!q || texts[i].indexOf(q) !== -1) && (!outcome || r.dataset.outcome === outcome);
        r.hidden = !hit;
        if (hit) { n += 1; }
      });
      shown.textContent = n + " of " + rows.length + " rows shown";
    };
    search.addEventListener("input", filter);
    pick.addEventListener("change", filter);
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.querySelector("button").addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var key = function (r) { var c = r.cells[col]; return c.dataset.sort || c.textContent.trim(); };
        var order = rows.map(function (r, i) { return [key(r), i, r]; });
        order.sort(function (a, b) {
          var d = a[0].localeCompare(b[0], undefined, {numeric: true, sensitivity: "base"});
          return (asc ? d : -d) || a[1] - b[1];
        });
        var frag = document.createDocumentFragment();
        order.forEach(function (e) { frag.appendChild(e[2]); });
        body.appendChild(frag);
      });
    });
  }
  var quality = document.getElementById("quality");
  if (quality) {
    var found = Array.prototype.slice.call(quality.tBodies[0].rows);
    var foundTexts = found.map(function (r) { return r.textContent.toLowerCase(); });
    var qText = document.getElementById("quality-text");
    var qType = document.getElementById("quality-type");
    var qAttribute = document.getElementById("quality-attribute");
    var qShown = document.getElementById("quality-count");
    var qFilter = function () {
      var q = qText.value.trim().toLowerCase();
      var n = 0;
      found.forEach(function (r, i) {
        var hit = (!q || foundTexts[i].indexOf(q) !== -1) && (!qType.value || r.dataset.type === qType.value) &&
          (!qAttribute.value || r.dataset.attribute === qAttribute.value);
        r.hidden = !hit;
        if (hit) { n += 1; }
      });
      qShown.textContent = n + " of " + found.length + " findings shown";
    };
    qText.addEventListener("input", qFilter);
    qType.addEventListener("change", qFilter);
    qAttribute.addEventListener("change", qFilter);
  }
  var copy = document.getElementById("copy-script");
  if (copy) {
    copy.addEventListener("click", function () {
      var text = document.getElementById("script").textContent;
      var done = function () {
        copy.textContent = "Copied";
        setTimeout(function () { copy.textContent = "Copy"; }, 1500);
      };
      var fallback = function () {
        var area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
        done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  }
})();
