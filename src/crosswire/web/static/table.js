// Story page: the events table filtered, sorted and paged in the browser, and
// downloaded as CSV or JSON. The rows are rendered by the server (they work
// without script); this reads their data-* attributes. The map and timeline
// subscribe with cw.table.onChange and show the same filtered events.
"use strict";
(function (root) {
  const table = document.getElementById("events-table");
  if (!table) return;
  const rows = Array.from(table.querySelectorAll("tbody tr[data-event]"));
  const num = (v) => (v === undefined || v === "" ? null : Number(String(v).replace(/,/g, "")));
  const events = rows.map((row, i) => {
    const d = row.dataset;
    return {
      row, order: i, id: d.event, start: d.start || null, end: d.end || null,
      precision: d.precision || null, date: d.date, type: d.type, subtype: d.subtype,
      place: d.place || "", country: d.country || "", lat: num(d.lat), lon: num(d.lon),
      geo: num(d.geo), geoText: d.geoText || "", radius: num(d.radius), actors: d.actors || "", outlets: d.outlets || "",
      fatalities: num(d.fatalities), sources: num(d.sources) || 0, link: d.link || null,
      description: d.desc || "",
    };
  });
  const state = { sort: "start", dir: 1, page: 0, size: 25, bounds: null };
  const listeners = [];
  const $ = (id) => document.getElementById(id);
  const val = (id) => ($(id) ? $(id).value.trim() : "");
  const has = (hay, needle) => hay.toLowerCase().includes(needle.toLowerCase());

  function matches(e) {
    const since = val("f-since"), until = val("f-until"), type = val("f-type");
    const place = val("f-place"), actor = val("f-actor"), outlet = val("f-outlet");
    if ((since || until) && !e.start) return false;
    if (since && e.end < since) return false;
    if (until && e.start > until) return false;
    if (type && e.type !== type) return false;
    if (place && !has(e.place, place)) return false;
    if (actor && !has(e.actors, actor)) return false;
    if (outlet && !e.outlets.split("; ").includes(outlet)) return false;
    if (state.bounds && $("f-inview") && $("f-inview").checked) {
      if (e.lat === null || !state.bounds(e.lat, e.lon)) return false;
    }
    return true;
  }

  const keys = {
    start: (e) => e.start || "\uffff", type: (e) => `${e.type} ${e.subtype}`.toLowerCase(),
    place: (e) => e.place.toLowerCase() || "\uffff", actors: (e) => e.actors.toLowerCase() || "\uffff",
    fatalities: (e) => (e.fatalities === null ? -1 : e.fatalities), sources: (e) => e.sources,
  };

  function filtered() {
    const key = keys[state.sort];
    return events.filter(matches).sort((a, b) => {
      const x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : a.order - b.order) * state.dir;
    });
  }

  function render(origin) {
    const shown = filtered();
    const pages = Math.max(1, Math.ceil(shown.length / state.size));
    state.page = Math.min(state.page, pages - 1);
    const lo = state.page * state.size, hi = Math.min(shown.length, lo + state.size);
    const body = table.tBodies[0];
    rows.forEach((r) => { r.hidden = true; });
    shown.forEach((e, i) => { e.row.hidden = i < lo || i >= hi; body.appendChild(e.row); });
    $("event-count").textContent = shown.length === events.length
      ? `${events.length} events` : `${shown.length} of ${events.length} events match the filters`;
    $("pg-info").textContent = shown.length ? `rows ${lo + 1}–${hi} of ${shown.length}` : "no rows";
    $("pg-prev").disabled = state.page === 0;
    $("pg-next").disabled = state.page >= pages - 1;
    table.querySelectorAll("th").forEach((th) => {
      const b = th.querySelector("button");
      if (b && b.dataset.sort === state.sort) th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    listeners.forEach((fn) => fn(shown, origin));
  }

  function cell(v) {
    const s = v === null || v === undefined ? "" : String(v);
    // A leading = + - @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }

  function records() {
    const base = window.location.origin;
    return filtered().map((e) => ({
      id: e.id, date: e.date, date_start: e.start, date_end: e.end, date_precision: e.precision,
      type: e.type, subtype: e.subtype, place: e.place, latitude: e.lat, longitude: e.lon,
      geo_precision: e.geo, actors: e.actors, fatalities: e.fatalities,
      independent_sources: e.sources, outlets: e.outlets, description: e.description,
      evidence: e.link ? base + e.link : null,
    }));
  }

  function save(name, type, text) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  const story = (document.getElementById("story") || { dataset: {} }).dataset.story || "story";
  const stem = `crosswire-events-${story.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
  $("dl-csv").addEventListener("click", () => {
    const recs = records();
    const cols = Object.keys(recs[0] || { id: "" });
    const lines = [cols.join(","), ...recs.map((r) => cols.map((c) => cell(r[c])).join(","))];
    save(`${stem}.csv`, "text/csv;charset=utf-8", lines.join("\r\n") + "\r\n");
  });
  $("dl-json").addEventListener("click", () => {
    save(`${stem}.json`, "application/json", JSON.stringify(records(), null, 1));
  });

  const form = $("event-filter");
  form.addEventListener("input", () => { state.page = 0; render("filter"); });
  form.addEventListener("change", () => { state.page = 0; render("filter"); });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => { state.page = 0; render("filter"); }, 0));
  table.querySelectorAll("th button[data-sort]").forEach((b) => b.addEventListener("click", () => {
    state.dir = state.sort === b.dataset.sort ? -state.dir : 1;
    state.sort = b.dataset.sort;
    render("sort");
  }));
  $("pg-prev").addEventListener("click", () => { state.page -= 1; render("page"); });
  $("pg-next").addEventListener("click", () => { state.page += 1; render("page"); });
  $("pg-size").addEventListener("change", () => { state.size = Number($("pg-size").value); state.page = 0; render("page"); });

  root.cw = root.cw || {};
  root.cw.table = {
    events, filtered, render,
    onChange(fn) { listeners.push(fn); },
    setBounds(test) { state.bounds = test; state.page = 0; render("map"); },
  };
})(window);
