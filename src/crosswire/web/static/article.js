// Article page: highlight the evidence span named in the URL fragment (#span-START-END).
"use strict";
(function () {
  function highlight() {
    document.querySelectorAll(".ev.target").forEach((n) => n.classList.remove("target"));
    const m = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
    if (!m) return;
    const key = `span-${m[1]}-${m[2]}`;
    const hits = Array.from(document.querySelectorAll(".ev[data-spans]"))
      .filter((n) => n.dataset.spans.split(" ").includes(key));
    hits.forEach((n) => n.classList.add("target"));
    if (hits.length) hits[0].scrollIntoView({ block: "center" });
    document.body.dataset.highlighted = String(hits.length);
  }
  window.addEventListener("hashchange", highlight);
  highlight();
})();
