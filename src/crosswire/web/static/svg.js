// Small SVG helpers shared by the pages. Text always goes in via textContent,
// never innerHTML: every label may come from an article.
"use strict";
(function (root) {
  const NS = "http://www.w3.org/2000/svg";

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

  // Vertical bars: rows [{label, value, title}]
  function bars(target, rows, label) {
    if (!rows.length) return empty(target, "No data.");
    const w = 420, h = 180, pad = 28, bw = Math.max(4, (w - pad) / rows.length - 4);
    const max = Math.max(...rows.map((r) => r.value), 1);
    const s = svg(w, h + 40, label);
    s.appendChild(el("line", { x1: pad, y1: h, x2: w, y2: h, class: "axis" }));
    s.appendChild(el("text", { x: 2, y: 12, class: "tick" }, max));
    rows.forEach((r, i) => {
      const x = pad + i * (bw + 4), bh = (r.value / max) * (h - 20);
      const rect = el("rect", { x, y: h - bh, width: bw, height: bh, class: "bar" });
      rect.appendChild(el("title", {}, `${r.title || r.label}: ${r.value}`));
      s.appendChild(rect);
      if (rows.length <= 14) {
        s.appendChild(el("text", { x: x + bw / 2, y: h + 14, class: "tick", "text-anchor": "middle" },
          String(r.label).slice(0, 10)));
      }
    });
    target.replaceChildren(s);
  }

  // A line through dated points: rows [{date, value, low, high}]
  function line(target, points, label) {
    const pts = points.filter((p) => typeof p.value === "number" && p.date);
    if (!pts.length) return empty(target, "No dated values.");
    const w = 420, h = 160, pad = 36;
    const ts = pts.map((p) => Date.parse(p.date));
    const t0 = Math.min(...ts), t1 = Math.max(...ts, t0 + 1);
    const hi = Math.max(...pts.map((p) => (typeof p.high === "number" ? p.high : p.value)), 1);
    const x = (t) => pad + ((t - t0) / (t1 - t0)) * (w - pad - 10);
    const y = (v) => h - (v / hi) * (h - 20);
    const s = svg(w, h + 24, label);
    s.appendChild(el("line", { x1: pad, y1: h, x2: w, y2: h, class: "axis" }));
    s.appendChild(el("text", { x: 2, y: 14, class: "tick" }, hi));
    const path = pts.map((p, i) => `${i ? "L" : "M"}${x(ts[i]).toFixed(1)},${y(p.value).toFixed(1)}`);
    s.appendChild(el("path", { d: path.join(" "), class: "line" }));
    pts.forEach((p, i) => {
      const c = el("circle", { cx: x(ts[i]), cy: y(p.value), r: 4, class: "point" });
      c.appendChild(el("title", {}, `${p.date}: ${p.value}${p.outlet ? " (" + p.outlet + ")" : ""}`));
      s.appendChild(c);
    });
    s.appendChild(el("text", { x: pad, y: h + 18, class: "tick" }, pts[0].date));
    s.appendChild(el("text", { x: w - 80, y: h + 18, class: "tick" }, pts[pts.length - 1].date));
    target.replaceChildren(s);
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.json();
  }

  root.cw = { el, svg, bars, line, empty, getJSON };
})(window);
