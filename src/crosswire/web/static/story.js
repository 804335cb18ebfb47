// Story page: timeline (any date precision, outliers set apart), events per
// period, outlets per claim and the dated series. Follows the table's filters.
"use strict";
(function (root) {
  const section = document.getElementById("story");
  if (!section || !root.cw || !root.cw.table) return;
  const story = section.dataset.story;
  const { el, svg, bars, hbars, line, empty, getJSON, day, fmt, table } = root.cw;
  const DAY = 86400000;

  // Split times into the main period and outliers far before or after it
  // (beyond 3 interquartile ranges, at least 30 days, from the middle half).
  function window_(mids) {
    const s = [...mids].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
    const iqr = Math.max(q(0.75) - q(0.25), 30 * DAY);
    return [q(0.25) - 3 * iqr, q(0.75) + 3 * iqr];
  }

  function unitFor(span) {
    if (span <= 45 * DAY) return "day";
    if (span <= 200 * DAY) return "week";
    if (span <= 4 * 365 * DAY) return "month";
    return "year";
  }

  function floorTo(t, unit) {
    const d = new Date(t);
    if (unit === "year") return Date.UTC(d.getUTCFullYear(), 0, 1);
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY; // Monday
    return t;
  }

  function next(t, unit) {
    const d = new Date(t);
    if (unit === "year") return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return t + (unit === "week" ? 7 : 1) * DAY;
  }

  function dated(list) {
    return list.map((e) => {
      const a = day(e.start), b = day(e.end);
      return a === null ? null : { e, a, b: (b === null ? a : b) + DAY, mid: (a + (b === null ? a : b) + DAY) / 2 };
    }).filter(Boolean);
  }

  function link(e, node) {
    const a = el("a", { href: e.link || "#events", class: "event-dot-link" });
    node.appendChild(el("title", {}, `${e.date} · ${e.subtype || e.type}${e.place ? " · " + e.place : ""}`));
    a.appendChild(node);
    return a;
  }

  function timeline(list) {
    const target = document.getElementById("timeline-chart");
    const items = dated(list);
    if (!items.length) return empty(target, "No dated events.");
    const [lo, hi] = window_(items.map((i) => i.mid));
    const main = items.filter((i) => i.mid >= lo && i.mid <= hi);
    const before = items.filter((i) => i.mid < lo), after = items.filter((i) => i.mid > hi);
    let t0 = Math.min(...main.map((i) => i.a)), t1 = Math.max(...main.map((i) => i.b));
    if (t1 - t0 < 3 * DAY) { t0 -= DAY; t1 += DAY; }
    // Drawn at the width it is shown (a phone gets fewer, legible ticks).
    const w = Math.max(320, Math.min(1100, target.clientWidth || 900)), side = Math.min(110, Math.round(w * 0.22));
    const x0 = before.length ? side + 20 : 16, x1 = after.length ? w - side - 20 : w - 16;
    const x = (t) => x0 + ((t - t0) / (t1 - t0)) * (x1 - x0);
    const dots = main.filter((i) => i.e.precision === "day" || i.b - i.a <= DAY);
    const spans = main.filter((i) => !dots.includes(i));
    const lanes = Math.min(6, spans.length);
    const h = 78 + lanes * 12 + 34;
    const s = svg(w, h, "Timeline of events");
    const axisY = 66;
    s.appendChild(el("line", { x1: x0, y1: axisY, x2: x1, y2: axisY, class: "axis" }));
    // Same-day events stack up to four dots; a taller stack is labelled with its count.
    const groups = new Map();
    dots.forEach((i) => {
      const k = Math.round(x(i.mid) / 8);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(i);
    });
    groups.forEach((g) => {
      const cx = x(g[0].mid);
      g.slice(0, 4).forEach((i, n) => s.appendChild(link(i.e, el("circle", { cx, cy: axisY - 8 - 10 * n, r: 5, class: "dot" }))));
      if (g.length > 4) s.appendChild(el("text", { x: cx, y: axisY - 50, class: "tick count", "text-anchor": "middle" }, `${g.length} events`));
    });
    spans.forEach((i, n) => {
      const y = axisY + 8 + (n % Math.max(1, lanes)) * 12;
      s.appendChild(link(i.e, el("rect", { x: x(i.a), y, width: Math.max(3, x(i.b) - x(i.a)), height: 8, class: "span" })));
    });
    const unit = unitFor(t1 - t0);
    let ticks = [];
    for (let t = floorTo(t0, unit); t <= t1 && ticks.length < 400; t = next(t, unit)) if (t >= t0) ticks.push(t);
    const every = Math.ceil(ticks.length / Math.max(2, Math.floor((x1 - x0) / 110)));
    ticks = ticks.filter((_, n) => n % every === 0);
    const ty = h - 8;
    ticks.forEach((t, n) => {
      s.appendChild(el("line", { x1: x(t), y1: axisY - 3, x2: x(t), y2: axisY + 3, class: "axis" }));
      const anchor = n === 0 && x(t) < x0 + 40 ? "start" : x(t) > x1 - 40 ? "end" : "middle";
      s.appendChild(el("text", { x: x(t), y: ty, class: "tick", "text-anchor": anchor }, fmt(t, unit === "week" ? "day" : unit)));
    });
    function outliers(group, left) {
      if (!group.length) return;
      const bx = left ? 4 : w - side - 4;
      s.appendChild(el("rect", { x: bx, y: 18, width: side, height: h - 40, class: "outlier-box" }));
      const years = group.map((i) => new Date(i.a).getUTCFullYear());
      const range = Math.min(...years) === Math.max(...years) ? `${years[0]}` : `${Math.min(...years)}–${Math.max(...years)}`;
      s.appendChild(el("text", { x: bx + side / 2, y: 14, class: "tick", "text-anchor": "middle" },
        `${left ? "earlier" : "later"}: ${group.length} (${range})`));
      const per = Math.max(1, Math.floor((side - 8) / 13));
      group.slice(0, per * 3).forEach((i, n) => {
        s.appendChild(link(i.e, el("circle", { cx: bx + 10 + (n % per) * 13, cy: 32 + Math.floor(n / per) * 13, r: 5, class: "dot outlier" })));
      });
      const bk = left ? x0 - 12 : x1 + 4;
      s.appendChild(el("text", { x: bk, y: axisY + 4, class: "break" }, "//"));
    }
    outliers(before, true);
    outliers(after, false);
    target.replaceChildren(s);
    target.dataset.outliers = String(before.length + after.length);
  }

  function periods(list) {
    const items = dated(list);
    const caption = document.getElementById("bins-caption");
    if (!items.length) { caption.textContent = "Events per period"; return empty(document.getElementById("chart-days"), "No dated events."); }
    const [lo, hi] = window_(items.map((i) => i.mid));
    const main = items.filter((i) => i.mid >= lo && i.mid <= hi);
    const t0 = Math.min(...main.map((i) => i.a)), t1 = Math.max(...main.map((i) => i.a));
    const unit = unitFor(t1 - t0);
    const bins = [];
    for (let t = floorTo(t0, unit); t <= t1 && bins.length < 400; t = next(t, unit)) bins.push({ t, value: 0 });
    main.forEach((i) => {
      const k = floorTo(i.a, unit), b = bins.find((x) => x.t === k);
      if (b) b.value += 1;
    });
    const other = items.length - main.length;
    caption.textContent = `Events per ${unit} (by first day of the date)` + (other ? `; ${other} outlying event${other > 1 ? "s" : ""} left out` : "");
    bars(document.getElementById("chart-days"), bins.map((b) => ({
      label: unit === "week" ? `wk ${fmt(b.t)}` : fmt(b.t, unit), title: fmt(b.t, unit === "week" ? "day" : unit), value: b.value })),
      `Events per ${unit}`);
  }

  async function charts() {
    const data = await getJSON(`/api/stories/${encodeURIComponent(story)}/charts`);
    hbars(document.getElementById("chart-sources"),
      data.sources_per_claim.slice(0, 12).map((c) => ({
        label: `${c.speaker || "unattributed"}: ${c.text}`, title: `${c.speaker || "unattributed"}: ${c.text}`, value: c.sources })),
      "Independent sources per claim (wire copies count once)");
  }

  async function series() {
    const nodes = document.querySelectorAll(".series-chart");
    if (!nodes.length) return;
    const data = await getJSON(`/api/stories/${encodeURIComponent(story)}`);
    nodes.forEach((node) => {
      const sr = data.series[Number(node.dataset.series)];
      if (sr) line(node, sr.points, sr.label || sr.what || "series");
    });
  }

  function report(err) {
    console.warn(err);
    document.body.dataset.jsError = String(err);
  }
  table.onChange((list, origin) => { if (origin !== "page" && origin !== "sort") { timeline(list); periods(list); } });
  table.render("init");
  Promise.all([charts(), series(), root.cw.mapReady || Promise.resolve()])
    .then(() => { document.body.dataset.ready = "1"; })
    .catch(report);
})(window);
