// Pages for long server-rendered tables (class "paged"): 20 rows at a time
// with previous/next buttons, so no section of a page runs on for screens.
"use strict";
(function () {
  const SIZE = 20;
  document.querySelectorAll("table.paged").forEach((table, n) => {
    const rows = Array.from(table.tBodies[0] ? table.tBodies[0].rows : []);
    if (rows.length <= SIZE) return;
    let page = 0;
    const pages = Math.ceil(rows.length / SIZE);
    const nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", "Table pages");
    const prev = document.createElement("button"), next = document.createElement("button");
    const info = document.createElement("span");
    prev.type = next.type = "button";
    prev.textContent = "← Previous";
    next.textContent = "Next →";
    prev.id = `paged-${n}-prev`;
    next.id = `paged-${n}-next`;
    nav.append(prev, " ", info, " ", next);
    (table.closest(".scroll") || table).after(nav);
    function show() {
      rows.forEach((r, i) => { r.hidden = Math.floor(i / SIZE) !== page; });
      info.textContent = `rows ${page * SIZE + 1}–${Math.min(rows.length, (page + 1) * SIZE)} of ${rows.length}`;
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
    }
    prev.addEventListener("click", () => { page -= 1; show(); });
    next.addEventListener("click", () => { page += 1; show(); });
    show();
  });
})();
