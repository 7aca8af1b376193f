/* kg graph page. Reads the JSON in #kg-data and draws it with vis-network.
 * Every label and sentence reaches the document through textContent or createTextNode,
 * never innerHTML, so text from articles stays text. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var NODE = new Map(DATA.nodes.map(function (n) { return [n.id, n]; }));
  var EDGE = new Map(DATA.edges.map(function (e) { return [e.id, e]; }));
  var CLASS = new Map(DATA.classes.map(function (c) { return [c.id, c]; }));
  var INCIDENT = new Map();
  DATA.nodes.forEach(function (n) { INCIDENT.set(n.id, []); });
  DATA.edges.forEach(function (e) { INCIDENT.get(e.from).push(e); INCIDENT.get(e.to).push(e); });
  var BIG = Array.isArray(DATA.initial);
  var EVIDENCE_SHOWN = 3;

  var state = {
    classOn: new Set(DATA.classes.map(function (c) { return c.id; })),
    article: -1,
    minConfidence: 0,
    shown: new Set(BIG ? DATA.initial : DATA.nodes.map(function (n) { return n.id; })),
    positions: {},
    selected: null
  };

  // ---------------------------------------------------------------- small DOM helpers (text only)
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function fmtConf(c) { return c === null || c === undefined ? "no confidence" : c.toFixed(2); }
  function norm(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var SVG = "http://www.w3.org/2000/svg";
  function swatch(cls, px) {
    var c = CLASS.get(cls), s = document.createElementNS(SVG, "svg"), h = px / 2, shape;
    s.setAttribute("width", px); s.setAttribute("height", px); s.setAttribute("viewBox", "0 0 " + px + " " + px);
    s.setAttribute("aria-hidden", "true");
    function poly(points) {
      var p = document.createElementNS(SVG, "polygon");
      p.setAttribute("points", points.map(function (xy) { return xy[0].toFixed(1) + "," + xy[1].toFixed(1); }).join(" "));
      return p;
    }
    function ring(n, r, rot, inner) {
      var pts = [], k = inner ? 2 * n : n;
      for (var i = 0; i < k; i++) {
        var a = rot + i * 2 * Math.PI / k, rr = inner && i % 2 ? inner : r;
        pts.push([h + rr * Math.cos(a), h + rr * Math.sin(a)]);
      }
      return poly(pts);
    }
    switch (c.shape) {
      case "square": shape = document.createElementNS(SVG, "rect");
        shape.setAttribute("x", 2); shape.setAttribute("y", 2); shape.setAttribute("width", px - 4); shape.setAttribute("height", px - 4); break;
      case "box": shape = document.createElementNS(SVG, "rect");
        shape.setAttribute("x", 1); shape.setAttribute("y", px * 0.22); shape.setAttribute("width", px - 2);
        shape.setAttribute("height", px * 0.56); shape.setAttribute("rx", 2); break;
      case "ellipse": shape = document.createElementNS(SVG, "ellipse");
        shape.setAttribute("cx", h); shape.setAttribute("cy", h); shape.setAttribute("rx", h - 1); shape.setAttribute("ry", h * 0.6); break;
      case "diamond": shape = ring(4, h - 1, 0); break;
      case "triangle": shape = ring(3, h - 1, -Math.PI / 2); break;
      case "hexagon": shape = ring(6, h - 1, 0); break;
      case "star": shape = ring(5, h - 1, -Math.PI / 2, (h - 1) * 0.45); break;
      default: shape = document.createElementNS(SVG, "circle");
        shape.setAttribute("cx", h); shape.setAttribute("cy", h); shape.setAttribute("r", c.id === "Occupation" ? h * 0.6 : h - 1.5);
    }
    shape.setAttribute("fill", c.color); shape.setAttribute("stroke", c.border); shape.setAttribute("stroke-width", "1.2");
    s.appendChild(shape);
    return s;
  }

  // ---------------------------------------------------------------- vis-network items
  function hiddenNeighbours(id) {
    var out = new Set();
    INCIDENT.get(id).forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      if (!state.shown.has(other)) out.add(other);
    });
    return out;
  }
  function tooltip(n) {
    var t = el("div");
    t.appendChild(el("strong", null, n.label.replace(/\n/g, " · ")));
    t.appendChild(document.createTextNode(" — " + n.type + " · " + n.facts + (n.facts === 1 ? " fact" : " facts")));
    return t;
  }
  function visNode(n) {
    var c = CLASS.get(n.category), small = n.kind !== "entity";
    var v = {
      id: n.id, label: n.label, shape: c.shape, size: n.size, title: tooltip(n),
      color: { background: c.color, border: c.border, highlight: { background: c.color, border: "#111" },
               hover: { background: c.color, border: "#111" } },
      borderWidth: 1.5, borderWidthSelected: 3,
      font: { size: small ? 11 : 14, color: "#1d2329", strokeWidth: 3, strokeColor: "#ffffff" },
      widthConstraint: { maximum: small ? 170 : 150 }
    };
    if (n.kind === "statistic" || n.kind === "event") {
      v.margin = 6; v.font = { size: 11, color: "#1d2329", multi: false };
    }
    if (n.conflicts && n.conflicts.length) {  // articles disagree about it: a red ring
      v.color.border = "#c62828"; v.borderWidth = 4;
    }
    if (BIG && hiddenNeighbours(n.id).size) v.shapeProperties = { borderDashes: [4, 3] };
    var p = state.positions[n.id];
    if (p) { v.x = p.x; v.y = p.y; }
    return v;
  }
  function visEdge(e) {
    return {
      id: e.id, from: e.from, to: e.to, label: e.label,
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      color: { color: "#a3adb7", highlight: "#0b62a4", hover: "#5d6873" },
      font: { size: 10, color: "#4a545e", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" },
      smooth: { enabled: true, type: "curvedCW", roundness: 0.12 },
      width: 1.2, selectionWidth: 1.5, hoverWidth: 0.8
    };
  }

  // ---------------------------------------------------------------- filters
  function nodePasses(n) {
    if (!state.classOn.has(n.category)) return false;
    if (state.article >= 0 && n.articles.indexOf(state.article) < 0) return false;
    if (state.minConfidence > 0 && !(n.confidence !== null && n.confidence >= state.minConfidence)) return false;
    return true;
  }
  function edgePasses(e) {
    if (state.article >= 0 && e.articles.indexOf(state.article) < 0) return false;
    if (state.minConfidence > 0 && !(e.confidence !== null && e.confidence >= state.minConfidence)) return false;
    return true;
  }

  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = null;

  function rememberPositions() {
    if (!network) return;
    var pos = network.getPositions();
    Object.keys(pos).forEach(function (id) { state.positions[id] = pos[id]; });
  }

  function refresh() {
    rememberPositions();
    var wantNodes = new Set(), wantEdges = new Set();
    DATA.nodes.forEach(function (n) { if (state.shown.has(n.id) && nodePasses(n)) wantNodes.add(n.id); });
    DATA.edges.forEach(function (e) {
      if (wantNodes.has(e.from) && wantNodes.has(e.to) && edgePasses(e)) wantEdges.add(e.id);
    });
    edges.remove(edges.getIds().filter(function (id) { return !wantEdges.has(id); }));
    nodes.remove(nodes.getIds().filter(function (id) { return !wantNodes.has(id); }));
    var addN = [], addE = [];
    wantNodes.forEach(function (id) { if (!nodes.get(id)) addN.push(visNode(NODE.get(id))); });
    wantEdges.forEach(function (id) { if (!edges.get(id)) addE.push(visEdge(EDGE.get(id))); });
    if (BIG) {  // dashed borders mark nodes with neighbours still to expand
      nodes.update(nodes.getIds().map(function (id) {
        return { id: id, shapeProperties: { borderDashes: hiddenNeighbours(id).size ? [4, 3] : false } };
      }));
    }
    nodes.add(addN);
    edges.add(addE);
    updateStatus();
    updateTimeline();
    return addN.filter(function (v) { return v.x === undefined; }).length;
  }

  function updateStatus() {
    var entities = nodes.get({ filter: function (v) { return NODE.get(v.id).kind === "entity"; } }).length;
    var text = nodes.length + (BIG ? " of " + DATA.nodes.length : "") + " nodes · " + edges.length + " edges";
    $("status").textContent = text;
    document.body.dataset.drawnNodes = String(nodes.length);
    document.body.dataset.drawnEntities = String(entities);
    $("show-all").hidden = !BIG || state.shown.size >= DATA.nodes.length;
  }

  // ---------------------------------------------------------------- layout: settle, then stop
  var settling = false, pendingFocus = null;
  function settle(iterations) {
    // fewer rounds for big pictures: the layout stays readable and the tab stays responsive
    iterations = Math.round(Math.min(iterations, Math.max(80, 150000 / Math.max(nodes.length, 1))));
    settling = true;
    $("progress").hidden = false;
    $("progress").textContent = "Laying out…";
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(iterations);
  }
  function settled() {
    if (!settling) return;
    settling = false;
    network.setOptions({ physics: { enabled: false } });
    rememberPositions();
    $("progress").hidden = true;
    if (pendingFocus && nodes.get(pendingFocus)) network.focus(pendingFocus, { scale: Math.max(network.getScale(), 1.1), animation: false });
    pendingFocus = null;
    if (!api.ready) {
      network.fit({ animation: false });
      api.ready = true;
      document.body.dataset.ready = "true";
    }
  }

  function placeNear(ids, anchor) {
    var base = state.positions[anchor] || { x: 0, y: 0 };
    ids.forEach(function (id, i) {
      if (state.positions[id]) return;
      var a = (2 * Math.PI * i) / Math.max(ids.length, 1);
      state.positions[id] = { x: base.x + 140 * Math.cos(a), y: base.y + 140 * Math.sin(a) };
    });
  }

  function expand(id) {
    var more = Array.from(hiddenNeighbours(id)).sort();
    if (!more.length) return 0;
    rememberPositions();
    placeNear(more, id);
    more.forEach(function (m) { state.shown.add(m); });
    refresh();
    settle(150);
    if (state.selected && state.selected.kind === "node") showNode(state.selected.id);
    return more.length;
  }

  function showAll() {
    rememberPositions();
    DATA.nodes.forEach(function (n) { state.shown.add(n.id); });
    var fresh = refresh();
    if (fresh) settle(300);
  }

  // ---------------------------------------------------------------- focus and search
  function focus(id, opts) {
    var n = NODE.get(id);
    if (!n) return false;
    var changed = false;
    if (!state.shown.has(id)) {
      rememberPositions();
      var anchor = INCIDENT.get(id).map(function (e) { return e.from === id ? e.to : e.from; })
        .filter(function (o) { return state.positions[o]; })[0];
      if (anchor) placeNear([id], anchor);
      state.shown.add(id); changed = true;
    }
    if (!state.classOn.has(n.category)) {
      state.classOn.add(n.category);
      var box = document.querySelector('#legend input[data-class="' + CSS.escape(n.category) + '"]');
      if (box) box.checked = true;
      changed = true;
    }
    if (!nodePasses(n)) {  // filtered out by article or confidence: show everything again
      state.article = -1; $("article-filter").value = "-1";
      state.minConfidence = 0; $("confidence-filter").value = "0"; $("confidence-value").textContent = "0.00";
      changed = true;
    }
    if (changed && refresh()) { settle(100); pendingFocus = id; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
                        animation: opts && opts.animate === false ? false : { duration: 450, easingFunction: "easeInOutQuad" } });
    showNode(id);
    return true;
  }

  function matches(query) {
    var q = norm(query);
    if (!q) return [];
    var found = [];
    DATA.nodes.forEach(function (n) {
      var best = null;
      n.names.forEach(function (name) {
        var s = norm(name), rank = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(" " + q) >= 0 ? 2 : s.indexOf(q) >= 0 ? 3 : null;
        if (rank !== null && (best === null || rank < best.rank)) best = { rank: rank, name: name };
      });
      if (best) found.push({ node: n, rank: best.rank, name: best.name });
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || (a.node.kind === "entity" ? 0 : 1) - (b.node.kind === "entity" ? 0 : 1) ||
        b.node.facts - a.node.facts || (a.node.label < b.node.label ? -1 : a.node.label > b.node.label ? 1 : 0);
    });
    return found.slice(0, 12);
  }

  var searchState = { items: [], active: 0 };
  function renderResults() {
    var list = $("search-results"), q = $("search").value;
    clear(list);
    searchState.items = matches(q);
    if (!q.trim()) { list.hidden = true; return; }
    if (!searchState.items.length) {
      list.appendChild(el("li", "empty", "No name matches"));
    }
    searchState.items.forEach(function (m, i) {
      var li = el("li"), b = el("button");
      b.type = "button";
      if (i === searchState.active) b.className = "active";
      b.appendChild(swatch(m.node.category, 12));
      b.appendChild(el("span", null, m.node.label.replace(/\n/g, " · ")));
      if (m.name !== m.node.label) b.appendChild(el("span", "sub", "“" + m.name + "”"));
      b.appendChild(el("span", "sub", m.node.type));
      b.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
      li.appendChild(b);
      list.appendChild(li);
    });
    list.hidden = false;
  }
  function pick(i) {
    var m = searchState.items[i];
    if (!m) return;
    $("search-results").hidden = true;
    focus(m.node.id);
  }

  // ---------------------------------------------------------------- the panel
  function articleMeta(ev) {
    var meta = el("div", "meta"), a = DATA.articles[ev.article];
    if (a) {
      var name = a.headline || a.source || a.id;
      if (/^https?:\/\//i.test(a.url || "")) {
        var link = el("a", null, name);
        link.href = a.url; link.target = "_blank"; link.rel = "noopener noreferrer";
        meta.appendChild(link);
      } else {
        meta.appendChild(el("span", "headline", name));
      }
      if (a.date) meta.appendChild(document.createTextNode(" · " + a.date));
      if (a.source && a.source !== name) meta.appendChild(document.createTextNode(" · " + a.source));
    } else {
      meta.appendChild(el("span", null, "unknown article"));
    }
    if (ev.speaker) meta.appendChild(document.createTextNode(" · says " + ev.speaker));
    if (ev.status && ev.status !== "asserted") meta.appendChild(el("span", "status status-" + ev.status, " · " + ev.status));
    if (ev.rule) meta.appendChild(document.createTextNode(" · rule " + ev.rule));
    meta.appendChild(document.createTextNode(" · confidence " + fmtConf(ev.confidence)));
    return meta;
  }
  function evidenceBlock(i) {
    var ev = DATA.evidence[i], box = el("div", "evidence"), q = el("blockquote");
    box.dataset.article = String(ev.article);
    if (ev.sentence[0] || ev.sentence[1] || ev.sentence[2]) {
      q.appendChild(document.createTextNode(ev.sentence[0]));
      if (ev.sentence[1]) q.appendChild(el("mark", null, ev.sentence[1]));
      q.appendChild(document.createTextNode(ev.sentence[2]));
    } else {
      q.appendChild(el("span", "none", "(no sentence recorded)"));
    }
    box.appendChild(q);
    box.appendChild(articleMeta(ev));
    return box;
  }
  function evidenceList(ids, into) {
    var list = ids.slice();
    if (state.article >= 0) {  // the chosen article's sentences first
      list.sort(function (a, b) {
        return (DATA.evidence[a].article === state.article ? 0 : 1) - (DATA.evidence[b].article === state.article ? 0 : 1);
      });
    }
    if (!list.length) { into.appendChild(el("div", "evidence none", "no sentence recorded")); return; }
    list.slice(0, EVIDENCE_SHOWN).forEach(function (i) { into.appendChild(evidenceBlock(i)); });
    if (list.length > EVIDENCE_SHOWN) {
      var more = el("button", "more", "show " + (list.length - EVIDENCE_SHOWN) + " more sentences");
      more.type = "button";
      more.addEventListener("click", function () {
        list.slice(EVIDENCE_SHOWN).forEach(function (i) { into.insertBefore(evidenceBlock(i), more); });
        more.remove();
      });
      into.appendChild(more);
    }
  }
  function nodeLink(id) {
    var n = NODE.get(id), b = el("button", "link", n.label.replace(/\n/g, " · "));
    b.type = "button";
    b.title = n.type;
    b.addEventListener("click", function () { focus(id); });
    return b;
  }
  // quiet: the evidence is shown once elsewhere in the panel (an n-ary node's own statements)
  function factItem(head, confidence, evidence, quiet) {
    var li = el("li"), h = el("div", "fact-head");
    head.forEach(function (x) { h.appendChild(typeof x === "string" ? document.createTextNode(x) : x); });
    if (!quiet) h.appendChild(el("span", "conf", fmtConf(confidence)));
    li.appendChild(h);
    if (!quiet) evidenceList(evidence, li);
    return li;
  }
  function sameList(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }
  function section(body, heading, items) {
    body.appendChild(el("h3", null, heading));
    var ul = el("ul", "facts");
    items.forEach(function (li) { ul.appendChild(li); });
    body.appendChild(ul);
  }
  function panelHead(body, n) {
    body.appendChild(el("h2", null, n.label.replace(/\n/g, " · ")));
    var t = el("p", "type");
    t.appendChild(swatch(n.category, 14));
    t.appendChild(document.createTextNode(n.type === n.category ? n.type : n.type + " (" + n.category + ")"));
    t.appendChild(el("span", "conf", n.facts + (n.facts === 1 ? " fact" : " facts")));
    body.appendChild(t);
    var aka = n.names.filter(function (x) { return x !== n.label; });
    if (aka.length && (n.kind === "entity" || n.kind === "occupation")) body.appendChild(el("p", "aka", "Also: " + aka.join(" · ")));
    body.appendChild(el("p", "iri", n.id));
  }

  function showNode(id) {
    var n = NODE.get(id), body = $("panel-body");
    state.selected = { kind: "node", id: id };
    clear(body);
    body.dataset.node = id;
    delete body.dataset.edge;
    panelHead(body, n);
    var hidden = hiddenNeighbours(id).size;
    if (hidden) {
      var act = el("p", "actions"), b = el("button", null, "Show " + hidden + " more neighbour" + (hidden === 1 ? "" : "s"));
      b.type = "button";
      b.addEventListener("click", function () { expand(id); });
      act.appendChild(b);
      body.appendChild(act);
    }
    // facts grouped by property: values first, then this node's links, then links to it
    var groups = new Map();
    function add(heading, li) {
      if (!groups.has(heading)) groups.set(heading, []);
      groups.get(heading).push(li);
    }
    var nary = n.kind === "statistic" || n.kind === "event";
    n.attributes.forEach(function (a) {
      add(a.label, factItem([el("span", "value", a.value)], a.confidence, a.evidence, nary && !a.evidence.length));
    });
    var out = [], inc = [];
    INCIDENT.get(id).forEach(function (e) {
      e.facts.forEach(function (f) { (e.from === id ? out : inc).push({ e: e, f: f }); });
    });
    function byLabel(a, b) {
      var x = NODE.get(a.e.from === id ? a.e.to : a.e.from).label, y = NODE.get(b.e.from === id ? b.e.to : b.e.from).label;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    out.sort(byLabel).forEach(function (x) {
      var head = [nodeLink(x.e.to)];
      if (x.f.characters.length) head.push(el("span", "as", "as " + x.f.characters.join(", ")));
      add(x.f.label, factItem(head, x.f.confidence, x.f.evidence, nary && sameList(x.f.evidence, n.evidence)));
    });
    inc.sort(byLabel).forEach(function (x) {
      var src = NODE.get(x.e.from), head = [nodeLink(x.e.from)];
      if (x.f.characters.length) head.push(el("span", "as", "as " + x.f.characters.join(", ")));
      var heading = src.kind === "statistic" ? "statistics (" + x.f.label + ")"
        : src.kind === "event" ? "events (" + x.f.label + ")" : x.f.inverse;
      add(heading, factItem(head, x.f.confidence, x.f.evidence));
    });
    groups.forEach(function (items, heading) { section(body, heading, items); });
    if (n.evidence.length) {
      var box = el("div");
      evidenceList(n.evidence, box);
      body.appendChild(el("h3", null, n.kind === "entity" || n.kind === "occupation" ? "typed as " + n.type : "reported in"));
      body.appendChild(box);
    }
    if (!groups.size && !n.evidence.length) body.appendChild(el("p", "hint", "No facts recorded."));
    (n.conflicts || []).forEach(function (c) {
      body.appendChild(el("h3", "conflict", "\u26a0 articles disagree: " + c.property));
      var box = el("div", "conflict-sides");
      evidenceList(c.sides, box);
      body.appendChild(box);
    });
  }

  function showEdge(id) {
    var e = EDGE.get(id), body = $("panel-body");
    state.selected = { kind: "edge", id: id };
    clear(body);
    body.dataset.edge = id;
    delete body.dataset.node;
    var h = el("h2");
    h.appendChild(nodeLink(e.from));
    h.appendChild(document.createTextNode(" → "));
    h.appendChild(nodeLink(e.to));
    body.appendChild(h);
    body.appendChild(el("p", "type", e.facts.length + (e.facts.length === 1 ? " fact" : " facts") +
      " · confidence " + fmtConf(e.confidence)));
    e.facts.forEach(function (f) {
      var head = [el("span", "value", f.label)];
      if (f.characters.length) head.push(el("span", "as", "as " + f.characters.join(", ")));
      section(body, f.label, [factItem(head, f.confidence, f.evidence)]);
    });
  }

  function showHint() {
    var body = $("panel-body");
    clear(body);
    state.selected = null;
    delete body.dataset.node; delete body.dataset.edge;
    body.appendChild(el("h2", null, DATA.title));
    var c = DATA.counts;
    body.appendChild(el("p", "hint", c.entities + " entities, " + c.edges + " links and " + c.statements +
      " statements from " + DATA.articles.length + (DATA.articles.length === 1 ? " article." : " articles.")));
    body.appendChild(el("p", "hint", "Click a node or a link to see its facts and the sentences they come from. " +
      "Search by any name; filter by class (legend), article or confidence." +
      (BIG ? " The graph starts from its most connected nodes: double-click a node, or use its panel, to expand." : "")));
  }

  // ---------------------------------------------------------------- legend, filters, timeline
  function buildControls() {
    $("title").textContent = DATA.title;
    var legend = $("legend");
    DATA.classes.forEach(function (c) {
      var lab = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.class = c.id;
      box.addEventListener("change", function () {
        if (box.checked) state.classOn.add(c.id); else state.classOn.delete(c.id);
        refresh();
      });
      lab.appendChild(box);
      lab.appendChild(swatch(c.id, 14));
      lab.appendChild(el("span", null, c.label));
      lab.appendChild(el("span", "count", c.count));
      legend.appendChild(lab);
    });
    if (!DATA.classes.length) legend.hidden = true;

    var sel = $("article-filter");
    DATA.articles.forEach(function (a, i) {
      var text = a.headline || a.source || a.id;
      if (text.length > 70) text = text.slice(0, 69) + "…";
      var o = el("option", null, (a.date ? a.date + " · " : "") + text);
      o.value = String(i);
      sel.appendChild(o);
    });
    sel.addEventListener("change", function () { state.article = Number(sel.value); refresh(); });
    var range = $("confidence-filter");
    range.addEventListener("input", function () {
      state.minConfidence = Number(range.value);
      $("confidence-value").textContent = state.minConfidence.toFixed(2);
      refresh();
    });

    var search = $("search");
    search.addEventListener("input", function () { searchState.active = 0; renderResults(); });
    search.addEventListener("focus", function () { if (search.value.trim()) renderResults(); });
    search.addEventListener("blur", function () { $("search-results").hidden = true; });
    search.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); if (!searchState.items.length) renderResults(); pick(searchState.active); }
      else if (ev.key === "Escape") { $("search-results").hidden = true; }
      else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        var k = searchState.items.length;
        if (k) { searchState.active = (searchState.active + (ev.key === "ArrowDown" ? 1 : k - 1)) % k; renderResults(); }
      }
    });
    $("show-all").addEventListener("click", showAll);

    var tl = $("timeline");
    if (DATA.timeline.length) tl.appendChild(el("span", "caption", "Timeline"));
    DATA.timeline.forEach(function (t) {
      var b = el("button");
      b.type = "button"; b.dataset.node = t.node;
      b.appendChild(el("b", null, t.date));
      b.appendChild(document.createTextNode(t.label));
      b.addEventListener("click", function () { focus(t.node); });
      tl.appendChild(b);
    });
  }
  function updateTimeline() {
    Array.prototype.forEach.call(document.querySelectorAll("#timeline button"), function (b) {
      b.classList.toggle("off", !nodes.get(b.dataset.node));
    });
  }

  // ---------------------------------------------------------------- start
  var api = window.kgGraph = {
    data: DATA, nodes: nodes, edges: edges, network: null, ready: false,
    focus: focus, expand: expand, showAll: showAll, showNode: showNode, showEdge: showEdge,
    matches: function (q) { return matches(q).map(function (m) { return m.node.id; }); },
    drawnNodeIds: function () { return nodes.getIds(); },
    drawnEntityCount: function () { return Number(document.body.dataset.drawnEntities); },
    selected: function () { return state.selected; }
  };

  buildControls();
  showHint();
  var many = DATA.nodes.length;
  network = api.network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: state.shown.size <= 120 },
    interaction: { hover: true, tooltipDelay: 250, hideEdgesOnDrag: many > 200, multiselect: false, navigationButtons: false },
    physics: {
      enabled: false, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.012, springLength: 120, springConstant: 0.06, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 400, updateInterval: 25, fit: true },
      maxVelocity: 40, minVelocity: 0.75, timestep: 0.4
    },
    nodes: { scaling: { label: { drawThreshold: 6 } } },
    edges: { font: { size: 10 } }
  });
  network.on("stabilizationProgress", function (p) {
    $("progress").textContent = "Laying out… " + Math.round(100 * p.iterations / Math.max(p.total, 1)) + "%";
  });
  network.on("stabilizationIterationsDone", settled);
  network.on("stabilized", settled);
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else showHint();
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) expand(p.nodes[0]); });
  network.on("dragEnd", function () { rememberPositions(); });

  refresh();
  if (nodes.length) settle(state.shown.size > 150 ? 250 : 400);
  else { api.ready = true; document.body.dataset.ready = "true"; }
})();
