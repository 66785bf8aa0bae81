// newsgraph web UI: small progressive enhancements. Every page works without this file.
// No data is ever inserted as HTML: only classes and attributes of server-rendered elements change.
"use strict";

(function () {
  // Article page: a quote or event in the side panel lights up its words in the text.
  function piecesFor(anchorId) {
    var kind = anchorId.charAt(0) === "q" ? "quote" : "event";
    var ref = anchorId.slice(2);
    return Array.prototype.filter.call(
      document.querySelectorAll("#article-text [data-" + kind + "]"),
      function (el) { return el.getAttribute("data-" + kind) === ref; }
    );
  }
  function focus(anchorId, on) {
    piecesFor(anchorId).forEach(function (el) { el.classList.toggle("hl-focus", on); });
  }
  document.querySelectorAll(".jump[data-target]").forEach(function (item) {
    var target = item.getAttribute("data-target");
    item.addEventListener("mouseenter", function () { focus(target, true); });
    item.addEventListener("mouseleave", function () { focus(target, false); });
    item.addEventListener("click", function (ev) {
      if (ev.target.closest("a") && !ev.target.closest("a").getAttribute("href").startsWith("#")) return;
      var anchor = document.getElementById(target);
      if (anchor) {
        ev.preventDefault();
        anchor.scrollIntoView({ behavior: "smooth", block: "center" });
        history.replaceState(null, "", "#" + target);
      }
    });
  });
  if (location.hash.length > 3) {
    var id = decodeURIComponent(location.hash.slice(1));
    if (/^[qe]-/.test(id)) focus(id, true);
  }

  // Network: hovering an actor keeps its ties and neighbours, fades the rest.
  var net = document.getElementById("network-graph");
  if (net) {
    var edges = net.querySelectorAll(".edge");
    var nodes = net.querySelectorAll(".node");
    nodes.forEach(function (node) {
      var id = node.getAttribute("data-node");
      node.addEventListener("mouseenter", function () {
        var near = {};
        near[id] = true;
        edges.forEach(function (e) {
          var s = e.getAttribute("data-source"), t = e.getAttribute("data-target");
          var on = s === id || t === id;
          e.classList.toggle("on", on);
          if (on) { near[s] = true; near[t] = true; }
        });
        nodes.forEach(function (n) { n.classList.toggle("on", !!near[n.getAttribute("data-node")]); });
        net.classList.add("focus");
      });
      node.addEventListener("mouseleave", function () { net.classList.remove("focus"); });
    });
  }
})();
