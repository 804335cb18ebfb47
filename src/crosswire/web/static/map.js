// Story page map: Leaflet (installed from npm at setup, served from /vendor)
// with Natural Earth country and admin-1 outlines as vector layers (no tile
// server). Markers are sized by people killed and clustered; a halo shows how
// vague the place is (bigger and lighter = vaguer). The map shows the events
// the table shows, and "only in map view" filters the table to the map.
// Without Leaflet a plain SVG plot is drawn and the page says why.
"use strict";
(function (root) {
  const target = document.getElementById("map");
  if (!target || !root.cw || !root.cw.table) return;
  const { table, el, svg, getJSON } = root.cw;
  const count = document.getElementById("map-count");

  function killedClass(f) {
    if (f === null || f === 0) return 0;
    return f < 10 ? 1 : f < 100 ? 2 : 3;
  }
  const RADIUS = [5, 7, 10, 14];
  const HALO = { 1: 0.28, 2: 0.16, 3: 0.08 };
  const placed = (list) => list.filter((e) => e.lat !== null && e.lon !== null && !Number.isNaN(e.lat));

  function label(e) {
    const killed = e.fatalities === null ? "" : ` · ${e.fatalities} killed`;
    return `${e.subtype || e.type} · ${e.place || "no place"} · ${e.date}${killed}`;
  }

  function popup(e) {
    const box = document.createElement("div");
    const h = document.createElement("strong");
    h.textContent = label(e);
    box.appendChild(h);
    if (e.geoText) {
      const g = document.createElement("p");
      g.className = "muted small";
      g.textContent = `Place precision: ${e.geoText}`;
      box.appendChild(g);
    }
    if (e.description) {
      const p = document.createElement("p");
      p.textContent = e.description;
      box.appendChild(p);
    }
    if (e.link) {
      const a = document.createElement("a");
      a.href = e.link;
      a.textContent = "evidence";
      box.appendChild(a);
    }
    return box;
  }

  function unwrapRing(ring) {
    for (let i = 1; i < ring.length; i++) {
      const d = ring[i][0] - ring[i - 1][0];
      if (d > 180) ring[i][0] -= 360;
      else if (d < -180) ring[i][0] += 360;
    }
  }

  function unwrap(g) {
    if (!g) return;
    if (g.type === "Polygon") g.coordinates.forEach(unwrapRing);
    if (g.type === "MultiPolygon") g.coordinates.forEach((p) => p.forEach(unwrapRing));
  }

  function leaflet() {
    const L = root.L;
    const map = L.map(target, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1, maxZoom: 12 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth · Leaflet");
    map.setView([25, 20], 2);
    const halos = L.layerGroup().addTo(map);
    // Place names as the articles wrote them, shown once zoomed in to a region.
    const labels = L.layerGroup();
    const syncLabels = () => (map.getZoom() >= 5 ? labels.addTo(map) : labels.remove());
    map.on("zoomend", syncLabels);
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false, maxClusterRadius: 40,
      iconCreateFunction: (c) => {
        const n = c.getChildCount(), size = n < 10 ? 26 : n < 100 ? 34 : 42;
        return L.divIcon({ html: `<span>${Number(n)}</span>`, className: `cw-cluster c${size}`, iconSize: [size, size] });
      },
    });
    cluster.addTo(map);
    const outlines = getJSON("/vendor/countries-50m.json").then((topo) => {
      const land = root.topojson.feature(topo, topo.objects.countries);
      // Antarctica would be a band along the bottom; rings crossing the
      // antimeridian are unwrapped so they do not draw lines across the world.
      land.features = land.features.filter((f) => f.id !== "010");
      land.features.forEach((f) => unwrap(f.geometry));
      L.geoJSON(land, { style: { color: "#7d8b96", weight: 0.8, fillColor: "#f1efe6", fillOpacity: 1 },
        interactive: false }).addTo(map).bringToBack();
    });
    const admin = {};
    function admin1(codes) {
      return Promise.all(codes.filter((c) => /^[A-Z]{2}$/.test(c) && !admin[c]).map((c) => {
        admin[c] = true;
        return fetch(`/api/basemap/admin1/${c}`).then((r) => (r.ok ? r.json() : null)).then((g) => {
          if (g) L.geoJSON(g, { style: { color: "#9aa6ae", weight: 0.6, dashArray: "3 3", fill: false },
            interactive: false }).addTo(map);
        });
      }));
    }
    let first = true;
    function draw(list, origin) {
      const pts = placed(list);
      halos.clearLayers();
      cluster.clearLayers();
      labels.clearLayers();
      const named = new Map();
      pts.forEach((e) => {
        const name = e.place.split(",")[0].replace(/\s*\(.*\)\s*$/, "");
        named.set(`${e.lat},${e.lon}`, { name, lat: e.lat, lon: e.lon });
      });
      named.forEach((p) => {
        const span = document.createElement("span");
        span.textContent = p.name;
        labels.addLayer(L.marker([p.lat, p.lon], { interactive: false, keyboard: false,
          icon: L.divIcon({ html: span, className: "place-label", iconSize: null, iconAnchor: [-16, 22] }) }));
      });
      pts.forEach((e) => {
        const geo = Math.max(1, Math.min(3, e.geo || 3));
        halos.addLayer(L.circle([e.lat, e.lon], { radius: (e.radius || 120) * 1000, weight: 1,
          color: "#b03a2e", opacity: HALO[geo] + 0.15, fillColor: "#e6806f", fillOpacity: HALO[geo],
          interactive: false, className: `halo g${geo}` }));
        const m = L.circleMarker([e.lat, e.lon], { radius: RADIUS[killedClass(e.fatalities)],
          color: "#6e1f16", weight: 1, fillColor: "#c0392b", fillOpacity: 0.85, className: "marker" });
        m.bindTooltip(label(e));
        m.bindPopup(popup(e));
        cluster.addLayer(m);
      });
      target.dataset.markers = String(pts.length);
      count.textContent = `${pts.length} of ${list.length} shown events have a place on the map.`;
      const fit = (first || origin === "filter") && pts.length;
      first = false; // before fitBounds: its moveend may re-enter draw()
      if (fit) map.fitBounds(L.latLngBounds(pts.map((e) => [e.lat, e.lon])).pad(0.3), { maxZoom: 7 });
      syncLabels();
      return admin1([...new Set(pts.map((e) => e.country))]);
    }
    const inview = document.getElementById("f-inview");
    function toBounds() {
      const b = map.getBounds();
      table.setBounds(inview.checked ? (lat, lon) => b.contains([lat, lon]) || b.contains([lat, lon + 360]) || b.contains([lat, lon - 360]) : null);
    }
    // Only a checked box makes map moves filter the table (and only then redraw).
    map.on("moveend", () => { if (inview.checked) toBounds(); });
    inview.addEventListener("change", toBounds);
    table.onChange((list, origin) => { if (origin !== "page" && origin !== "sort") draw(list, origin); });
    return Promise.all([outlines, draw(table.filtered(), "init")]);
  }

  function plain() {
    // Degraded map: an equirectangular plot of the same events.
    function draw(list) {
      const pts = placed(list);
      const w = 720, h = 360;
      const x = (lon) => ((lon + 180) / 360) * w, y = (lat) => ((90 - lat) / 180) * h;
      const s = svg(w, h, "Map of event places (plain plot)");
      s.appendChild(el("rect", { x: 0, y: 0, width: w, height: h, class: "sea" }));
      for (let lon = -180; lon <= 180; lon += 30) s.appendChild(el("line", { x1: x(lon), y1: 0, x2: x(lon), y2: h, class: "grat" }));
      for (let lat = -60; lat <= 60; lat += 30) s.appendChild(el("line", { x1: 0, y1: y(lat), x2: w, y2: y(lat), class: "grat" }));
      pts.forEach((e) => {
        const c = el("circle", { cx: x(e.lon), cy: y(e.lat), r: RADIUS[killedClass(e.fatalities)] / 2 + 1, class: "marker" });
        c.appendChild(el("title", {}, label(e)));
        s.appendChild(c);
      });
      target.replaceChildren(s);
      target.dataset.markers = String(pts.length);
      count.textContent = `${pts.length} of ${list.length} shown events have a place on the map.`;
    }
    const box = document.getElementById("f-inview");
    if (box) box.disabled = true;
    table.onChange((list, origin) => { if (origin !== "page" && origin !== "sort") draw(list); });
    draw(table.filtered());
    return Promise.resolve();
  }

  const ready = target.dataset.ready === "1" && root.L && root.L.markerClusterGroup && root.topojson;
  root.cw.mapReady = ready ? leaflet() : plain();
})(window);
