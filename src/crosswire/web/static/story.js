// Story page: charts, timeline, map with filters, series charts. Data from the JSON API.
"use strict";
(function () {
  const section = document.getElementById("story");
  if (!section) return;
  const story = section.dataset.story;
  const enc = encodeURIComponent;
  const { el, svg, bars, line, empty, getJSON } = window.cw;

  async function charts() {
    const data = await getJSON(`/api/stories/${enc(story)}/charts`);
    bars(document.getElementById("chart-days"),
      data.events_per_day.map((d) => ({ label: d.date.slice(5), title: d.date, value: d.events })),
      "Events per day");
    bars(document.getElementById("chart-sources"),
      data.sources_per_claim.slice(0, 20).map((c, i) => ({
        label: `#${i + 1}`, title: `${c.speaker || "unattributed"}: ${c.text}`, value: c.sources })),
      "Outlets carrying each claim");
  }

  function link(e) {
    const a = el("a", { href: e.link || "#events" });
    a.setAttribute("class", "event-dot-link");
    return a;
  }

  function timeline(events) {
    const target = document.getElementById("timeline-chart");
    const dated = events.filter((e) => e.date);
    if (!dated.length) return empty(target, "No dated events.");
    const w = 860, h = 90, pad = 20;
    const ts = dated.map((e) => Date.parse(e.date.slice(0, 10)));
    const t0 = Math.min(...ts), t1 = Math.max(...ts, t0 + 86400000);
    const s = svg(w, h, "Timeline of events");
    s.appendChild(el("line", { x1: pad, y1: h / 2, x2: w - pad, y2: h / 2, class: "axis" }));
    const stack = {};
    dated.forEach((e, i) => {
      const x = pad + ((ts[i] - t0) / (t1 - t0)) * (w - 2 * pad);
      const k = Math.round(x);
      stack[k] = (stack[k] || 0) + 1;
      const a = link(e);
      const c = el("circle", { cx: x, cy: h / 2 - 10 * (stack[k] - 1), r: 6, class: `dot t-${e.type}` });
      c.appendChild(el("title", {}, `${e.date} ${e.type}${e.place ? " — " + (e.place.surface || e.place.name) : ""}`));
      a.appendChild(c);
      s.appendChild(a);
    });
    s.appendChild(el("text", { x: pad, y: h - 6, class: "tick" }, dated.map((e) => e.date).sort()[0]));
    s.appendChild(el("text", { x: w - pad - 70, y: h - 6, class: "tick" },
      dated.map((e) => e.date).sort().slice(-1)[0]));
    target.replaceChildren(s);
  }

  let basemap = null;
  async function drawMap(params) {
    const target = document.getElementById("map");
    if (!basemap) basemap = await getJSON("/api/basemap");
    const q = new URLSearchParams({ story, limit: "500" });
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    const data = await getJSON(`/api/events?${q}`);
    const w = 720, h = 360;
    const x = (lon) => ((lon + 180) / 360) * w, y = (lat) => ((90 - lat) / 180) * h;
    const s = svg(w, h, "Map of event places");
    s.appendChild(el("rect", { x: 0, y: 0, width: w, height: h, class: "sea" }));
    for (let lon = -180; lon <= 180; lon += 30)
      s.appendChild(el("line", { x1: x(lon), y1: 0, x2: x(lon), y2: h, class: "grat" }));
    for (let lat = -60; lat <= 60; lat += 30)
      s.appendChild(el("line", { x1: 0, y1: y(lat), x2: w, y2: y(lat), class: "grat" }));
    for (const c of basemap.countries) {
      const p = el("circle", { cx: x(c.lon), cy: y(c.lat), r: 1.6, class: "country" });
      p.appendChild(el("title", {}, c.iso2));
      s.appendChild(p);
    }
    let shown = 0;
    for (const e of data.items) {
      const p = e.place;
      if (!p || typeof p.lat !== "number" || typeof p.lon !== "number") continue;
      const prec = Math.min(2, Math.max(0, Number(p.precision) || 0));
      const a = link(e);
      const m = el("circle", { cx: x(p.lon), cy: y(p.lat), r: 4 + prec * 4, class: `marker p${prec}` });
      m.setAttribute("data-event", e.id);
      m.appendChild(el("title", {}, `${p.surface || p.name} (${e.type}, ${e.date || "undated"}, precision ${p.precision})`));
      a.appendChild(m);
      s.appendChild(a);
      shown++;
    }
    target.replaceChildren(s);
    document.getElementById("map-count").textContent = `${shown} of ${data.total} events placed.`;
    return data.items;
  }

  async function series() {
    const data = await getJSON(`/api/stories/${enc(story)}`);
    document.querySelectorAll(".series-chart").forEach((node) => {
      const sr = data.series[Number(node.dataset.series)];
      if (sr) line(node, sr.points, sr.label || sr.what || "series");
    });
    timeline(data.events);
  }

  const form = document.getElementById("map-filter");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    drawMap({ type: document.getElementById("map-type").value,
              place: document.getElementById("map-place").value.trim() }).catch(report);
  });

  function report(err) {
    console.error(err);
    document.body.dataset.jsError = String(err);
  }
  Promise.all([charts(), drawMap({}), series()])
    .then(() => { document.body.dataset.ready = "1"; })
    .catch(report);
})();
