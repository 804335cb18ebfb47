// Small SVG helpers shared by the pages. Text always goes in via textContent,
// never innerHTML: every label may come from an article.
"use strict";
(function (root) {
  const NS = "http://www.w3.org/2000/svg";
  const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function svg(width, height, label) {
    const s = el("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
    s.appendChild(el("title", {}, label));
    return s;
  }

  function empty(target, message) {
    target.replaceChildren();
    const p = document.createElement("p");
    p.className = "muted";
    p.textContent = message;
    target.appendChild(p);
  }

  // Milliseconds of a YYYY-MM-DD day (UTC), or null: never NaN.
  function day(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s || "");
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  }

  // "14 May 2024", "May 2024" or "2024" for a time in ms.
  function fmt(t, unit) {
    const d = new Date(t);
    const y = d.getUTCFullYear(), mo = MONTHS[d.getUTCMonth()];
    if (unit === "year") return String(y);
    if (unit === "month") return `${mo} ${y}`;
    return `${d.getUTCDate()} ${mo} ${y}`;
  }

  // Vertical bars with a label under each: rows [{label, value, title}].
  function bars(target, rows, label) {
    if (!rows.length) return empty(target, "No dated events.");
    const w = 440, h = 170, pad = 56, gap = 3;
    const bw = Math.min(48, Math.max(3, (w - pad) / rows.length - gap));
    const max = Math.max(...rows.map((r) => r.value), 1);
    const s = svg(w, h + 48, label);
    s.appendChild(el("line", { x1: pad, y1: h, x2: w, y2: h, class: "axis" }));
    s.appendChild(el("text", { x: 2, y: 12, class: "tick" }, max));
    s.appendChild(el("text", { x: 2, y: h, class: "tick" }, 0));
    const every = Math.ceil(rows.length / 8);
    rows.forEach((r, i) => {
      const x = pad + i * (bw + gap), bh = (r.value / max) * (h - 20);
      const rect = el("rect", { x, y: h - bh, width: bw, height: bh, class: "bar" });
      rect.appendChild(el("title", {}, `${r.title || r.label}: ${r.value}`));
      s.appendChild(rect);
      if (r.value) s.appendChild(el("text", { x: x + bw / 2, y: h - bh - 3, class: "tick", "text-anchor": "middle" }, r.value));
      if (i % every === 0) {
        s.appendChild(el("text", { x: x + bw / 2, y: h + 14, class: "tick", "text-anchor": "end",
          transform: `rotate(-30 ${x + bw / 2} ${h + 14})` }, r.label));
      }
    });
    target.replaceChildren(s);
  }

  // Horizontal bars with the label written beside each: rows [{label, value, title}].
  function hbars(target, rows, label) {
    if (!rows.length) return empty(target, "No claims.");
    const w = 420, row = 22, lw = 250;
    const max = Math.max(...rows.map((r) => r.value), 1);
    const s = svg(w, rows.length * row + 8, label);
    rows.forEach((r, i) => {
      const y = 4 + i * row, bw = ((w - lw - 30) * r.value) / max;
      const t = el("text", { x: 0, y: y + 14, class: "tick lbl" }, r.label.length > 42 ? r.label.slice(0, 41) + "…" : r.label);
      t.appendChild(el("title", {}, r.title || r.label));
      s.appendChild(t);
      s.appendChild(el("rect", { x: lw, y: y + 3, width: Math.max(2, bw), height: row - 8, class: "bar" }));
      s.appendChild(el("text", { x: lw + bw + 4, y: y + 14, class: "tick" }, r.value));
    });
    target.replaceChildren(s);
  }

  // A line through dated points: rows [{date, value, low, high}].
  function line(target, points, label) {
    const pts = points.filter((p) => typeof p.value === "number" && day(p.date) !== null);
    if (!pts.length) return empty(target, "No dated values.");
    const w = 420, h = 160, pad = 46;
    const ts = pts.map((p) => day(p.date));
    const t0 = Math.min(...ts), t1 = Math.max(...ts, t0 + 86400000);
    const hi = Math.max(...pts.map((p) => (typeof p.high === "number" ? p.high : p.value)), 1);
    const x = (t) => pad + ((t - t0) / (t1 - t0)) * (w - pad - 10);
    const y = (v) => h - (v / hi) * (h - 20);
    const s = svg(w, h + 24, label);
    s.appendChild(el("line", { x1: pad, y1: h, x2: w, y2: h, class: "axis" }));
    s.appendChild(el("text", { x: 2, y: 14, class: "tick" }, hi.toLocaleString("en")));
    const path = pts.map((p, i) => `${i ? "L" : "M"}${x(ts[i]).toFixed(1)},${y(p.value).toFixed(1)}`);
    s.appendChild(el("path", { d: path.join(" "), class: "line" }));
    pts.forEach((p, i) => {
      const c = el("circle", { cx: x(ts[i]), cy: y(p.value), r: 4, class: "point" });
      c.appendChild(el("title", {}, `${fmt(ts[i])}: ${p.value.toLocaleString("en")}${p.outlet ? " (" + p.outlet + ")" : ""}`));
      s.appendChild(c);
    });
    s.appendChild(el("text", { x: pad, y: h + 18, class: "tick" }, fmt(t0)));
    if (t1 !== t0) s.appendChild(el("text", { x: w - 4, y: h + 18, class: "tick", "text-anchor": "end" }, fmt(Math.max(...ts))));
    target.replaceChildren(s);
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.json();
  }

  root.cw = Object.assign(root.cw || {}, { el, svg, bars, hbars, line, empty, getJSON, day, fmt });
})(window);
