// The Rapport Explorer: the influence network, a customer's 360 and the alert queue, for
// marketers and account managers. It reads only the GraphQL API, with the user's key (kept in
// this browser, shared with GraphiQL), so it shows exactly what the key's role may see and works on
// any engine. Every value from the API is written with textContent, never as HTML.
(function () {
  "use strict";

  const KEY_STORE = "rapport.apiKey";
  const PALETTE = ["#4e79a7", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
                   "#ff9da7", "#9c755f", "#f28e2b", "#86bcb6", "#8cd17d", "#d4a6c8"];
  const $ = (id) => document.getElementById(id);

  // ---- the API ---------------------------------------------------------------------------------
  const key = () => window.localStorage.getItem(KEY_STORE) || "";

  class ApiError extends Error {}

  async function gql(query, variables) {
    if (!key()) throw new ApiError("no key: enter an API key (ask an admin: rapport keys create reader)");
    let response;
    try {
      response = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-API-Key": key(),
                   Accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query, variables: variables || {} }),
      });
    } catch (error) {
      throw new ApiError(`the server did not answer (${error.message}): is rapport serve running?`);
    }
    let body = null;
    try { body = await response.json(); } catch (_) { /* not JSON: reported below */ }
    const first = body && body.errors && body.errors[0];
    if (response.status === 401) throw new ApiError("the key was refused: enter a valid API key");
    if (!response.ok && !(body && body.data)) {
      throw new ApiError(first ? describe(first) : `the server answered HTTP ${response.status}`);
    }
    if (first && !body.data) throw new ApiError(describe(first));
    if (first) status(describe(first), true); // partial answer: show it, keep the data
    return body.data;
  }

  function describe(error) {
    const ext = error.extensions || {};
    return [error.message, ext.hint].filter(Boolean).join(" - ");
  }

  function status(text, isError) {
    const el = $("status");
    el.textContent = text || "";
    el.className = isError ? "error" : "";
  }

  async function run(what, action) {
    status(`${what}…`);
    try {
      await action();
      if ($("status").textContent === `${what}…`) status(""); // keep what the action reported
    } catch (error) {
      status(error instanceof ApiError ? error.message : `${what} failed: ${error.message}`, true);
      if (!(error instanceof ApiError)) console.error(error);
    }
  }

  // ---- the graph -------------------------------------------------------------------------------
  const cy = cytoscape({
    container: $("graph"),
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 2 } },
      { selector: "node.product", style: { shape: "round-rectangle", "background-color": "#334155" } },
      { selector: "node.topic", style: { shape: "diamond", "background-color": "#0f766e" } },
      { selector: "node.seed", style: { "border-width": 5, "border-color": "#111827" } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#3b6fd8" } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#e8730c" } },
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: "edge", style: {
        width: "data(width)", "line-color": "#a3acb9", "target-arrow-color": "#a3acb9",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.8 } },
      { selector: "edge.conversion", style: { "line-color": "#e8730c", "target-arrow-color": "#e8730c" } },
      { selector: ".onpath", style: { "line-color": "#7b2fbe", "target-arrow-color": "#7b2fbe",
                                      "border-color": "#7b2fbe", "border-width": 4, "z-index": 10 } },
    ],
  });
  let biggest = 1e-9; // the largest influence drawn: sizes are relative to it

  function customerNode(key, name, influence, community) {
    biggest = Math.max(biggest, influence || 0);
    const existing = cy.getElementById(key);
    const data = { id: key, label: name || key, kind: "customer", influence: influence || 0,
                   community, color: community == null ? "#9ca3af" : PALETTE[community % PALETTE.length] };
    if (existing.nonempty()) existing.data(data);
    else cy.add({ group: "nodes", data });
  }

  function resize() {
    cy.nodes("[kind = 'customer']").forEach((n) => {
      n.data("size", 14 + 46 * Math.sqrt((n.data("influence") || 0) / biggest));
    });
    cy.nodes("[kind != 'customer']").forEach((n) => n.data("size", 34));
  }

  function linkEdge(from, to, weight, evidence) {
    const id = `${from}->${to}`;
    const conversions = (evidence || []).filter((e) => e.kind === "CONVERSIONS")
      .reduce((sum, e) => sum + e.count, 0);
    const data = { id, source: from, target: to, weight: weight || 0, conversions,
                   width: 1 + 1.5 * Math.log2(1 + (weight || 0)) };
    const existing = cy.getElementById(id);
    if (existing.nonempty()) existing.data(data);
    else cy.add({ group: "edges", data });
    cy.getElementById(id).toggleClass("conversion", conversions > 0);
  }

  function layout(fit) {
    resize();
    cy.layout({ name: "cose", animate: false, fit: fit !== false, padding: 30,
                nodeRepulsion: () => 9000, idealEdgeLength: () => 90 }).run();
  }

  const LINK = `fragment Link on InfluenceLink {
    customerId name weight evidence { kind count } customer { influence community } }`;

  function addLinks(center, links, inbound) {
    for (const link of links) {
      const other = link.customer || {};
      customerNode(link.customerId, link.name, other.influence, other.community);
      if (inbound) linkEdge(link.customerId, center, link.weight, link.evidence);
      else linkEdge(center, link.customerId, link.weight, link.evidence);
    }
  }

  async function expand(id, { clear } = {}) {
    const data = await gql(`query Network($id: ID!) { customer(id: $id) {
        key name influence community
        influencedBy(first: 10) { ...Link } influences(first: 15) { ...Link } } } ${LINK}`,
      { id });
    const c = data.customer;
    if (!c) throw new ApiError(`no customer ${id}: search for one by name or e-mail`);
    if (clear) cy.elements().remove();
    customerNode(c.key, c.name, c.influence, c.community);
    addLinks(c.key, c.influencedBy, true);
    addLinks(c.key, c.influences, false);
    cy.nodes().removeClass("focus");
    cy.getElementById(c.key).addClass("focus");
    layout();
    return c;
  }

  // ---- the side panel ------------------------------------------------------------------------
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  const fmt = (x, digits) => (x == null ? "–" : Number(x).toFixed(digits == null ? 2 : digits));
  const when = (t) => (t ? new Date(t).toLocaleString() : "–");

  async function show360(id) {
    const data = await gql(`query Customer360($id: ID!) { customer(id: $id) {
        key name email city tier influence influenceRank community sentimentAvg
        warmestEmployees(first: 3) { employeeId name score interactions sales lastContactAt
                                     breakdown { part value } }
        recommendations(first: 5) { productId score buyAgain product { name } reasons { kind text } }
        timeline(first: 8) { nodes { kind at summary sentiment } }
        sentimentTimeline(weeks: 12) { week posts mean } } }`, { id });
    const c = data.customer;
    if (!c) throw new ApiError(`no customer ${id}`);
    const panel = $("panel");
    panel.replaceChildren();
    const box = el("section"); box.id = "c360"; box.dataset.key = c.key;
    box.append(el("h2", c.name || c.key));
    box.append(el("div", `${c.key} · ${c.email || "no e-mail"} · ${c.city || "?"} · tier ${c.tier || "–"}`, "muted"));
    box.append(el("div", `influence ${fmt(c.influence, 4)} (rank ${c.influenceRank ?? "–"}) · community ${c.community ?? "–"} · sentiment ${fmt(c.sentimentAvg)}`, "muted"));
    const actions = el("div");
    const from = el("button", "Path from here", "small");
    from.onclick = () => { $("path-from").value = c.key; };
    const to = el("button", "Path to here", "small");
    to.onclick = () => { $("path-to").value = c.key; };
    actions.append(from, " ", to);
    box.append(actions);

    const warm = el("section"); warm.id = "warmest";
    warm.append(el("h3", "Warmest employees"));
    if (!c.warmestEmployees.length) warm.append(el("div", "no employee has spoken with them yet", "muted"));
    for (const w of c.warmestEmployees) {
      const item = el("div");
      item.append(el("strong", `${w.name || w.employeeId} — ${fmt(w.score, 1)}`));
      item.append(el("div", `${w.interactions} interactions, ${w.sales} sales, last ${when(w.lastContactAt)}`, "muted"));
      const table = el("table", null, "small");
      for (const part of w.breakdown) {
        const row = el("tr");
        row.append(el("td", part.part), el("td", fmt(part.value, 1)));
        table.append(row);
      }
      item.append(table);
      warm.append(item);
    }
    box.append(warm);

    const recs = el("section"); recs.id = "recs";
    recs.append(el("h3", "Recommendations"));
    const recList = el("ul", null, "list");
    for (const r of c.recommendations) {
      const li = el("li");
      li.append(el("strong", (r.product && r.product.name) || r.productId));
      if (r.buyAgain) li.append(el("span", " (buy again)", "muted"));
      for (const reason of r.reasons) li.append(el("div", reason.text, "muted"));
      recList.append(li);
    }
    if (!c.recommendations.length) recList.append(el("li", "nothing to recommend yet", "muted"));
    recs.append(recList);
    box.append(recs);

    const chart = el("section"); chart.id = "sentiment";
    chart.append(el("h3", "Weekly sentiment"));
    const plot = el("div"); plot.id = "sentiment-chart";
    chart.append(plot);
    box.append(chart);

    const timeline = el("section"); timeline.id = "timeline";
    timeline.append(el("h3", "Timeline"));
    const events = el("ul", null, "list");
    for (const e of c.timeline.nodes) {
      const li = el("li");
      li.append(el("div", `${when(e.at)} · ${e.kind.toLowerCase()}`, "muted"), el("div", e.summary));
      events.append(li);
    }
    timeline.append(events);
    box.append(timeline);
    panel.append(box);
    drawSentiment(plot, c.sentimentTimeline);
  }

  function drawSentiment(target, weeks) {
    if (!weeks.length) { target.append(el("div", "no posts in the last 12 weeks", "muted")); return; }
    const xs = weeks.map((w) => Date.parse(w.week) / 1000);
    const ys = weeks.map((w) => (w.posts ? w.mean : null)); // a quiet week is a gap, not a 0
    new uPlot({ width: 340, height: 140, legend: { show: false },
                scales: { y: { range: [-1, 1] } },
                series: [{}, { label: "mean sentiment", stroke: "#3b6fd8", width: 2,
                               spanGaps: true, points: { size: 5 } }] },
              [xs, ys], target);
  }

  async function showWhy(from, to) {
    const data = await gql(`query Why($id: ID!) { customer(id: $id) { name influencedBy(first: 100) {
        customerId name weight evidence { kind count } topEvidence(first: 5) { kind at text weight ref } } } }`,
      { id: to });
    const target = data.customer;
    const link = target && target.influencedBy.find((l) => l.customerId === from);
    const panel = $("panel");
    panel.replaceChildren();
    const box = el("section"); box.id = "why";
    if (!link) {
      box.append(el("div", "no stored influence between them (run rapport analyze?)", "muted"));
      panel.append(box);
      return;
    }
    box.append(el("h2", `Why ${link.name || from} influences ${target.name || to}`));
    box.append(el("div", `weight ${fmt(link.weight, 1)}: ` + link.evidence
      .filter((e) => e.count > 0).map((e) => `${e.count} ${e.kind.toLowerCase()}`).join(", "), "muted"));
    const list = el("ul", null, "list");
    for (const item of link.topEvidence) {
      const li = el("li");
      li.append(el("div", `${when(item.at)} · ${item.kind}`, "muted"), el("div", item.text || item.ref));
      list.append(li);
    }
    box.append(list);
    panel.append(box);
  }

  // ---- search, products, topics ---------------------------------------------------------------
  function resultItem(kind, key, text, note, onPick) {
    const li = el("li");
    li.dataset.kind = kind; li.dataset.key = key;
    li.append(el("div", text));
    if (note) li.append(el("div", note, "muted"));
    li.onclick = () => run(`opening ${text}`, onPick);
    return li;
  }

  async function search(text) {
    const data = await gql(`query Search($s: String!) {
        customers(search: $s, first: 8) { nodes { key name influence community } }
        products(search: $s, first: 5) { nodes { key name category } }
        topics(search: $s, first: 5) { topic posts } }`, { s: text });
    const results = $("results");
    results.replaceChildren();
    const groups = [
      ["Customers", data.customers.nodes.map((c) => resultItem("customer", c.key, c.name || c.key,
        `${c.key} · influence ${fmt(c.influence, 4)}`, () => openCustomer(c.key)))],
      ["Products", data.products.nodes.map((p) => resultItem("product", p.key, p.name || p.key,
        `${p.key} · ${p.category || ""}`, () => openProduct(p.key)))],
      ["Topics", data.topics.map((t) => resultItem("topic", t.topic, `#${t.topic}`,
        `${t.posts} posts`, () => openTopic(t.topic)))],
    ];
    for (const [title, items] of groups) {
      if (!items.length) continue;
      results.append(el("h2", title));
      const list = el("ul", null, "list");
      list.append(...items);
      results.append(list);
    }
    if (!results.children.length) results.append(el("div", `nothing matches "${text}"`, "muted"));
  }

  async function openCustomer(id) {
    await expand(id, { clear: true });
    await show360(id);
  }

  function rankedList(title, ranked, scoreName) {
    const results = $("results");
    results.replaceChildren(el("h2", title));
    const list = el("ol", null, "list ranked");
    for (const r of ranked) {
      const li = resultItem("customer", r.customerId, r.name || r.customerId,
        `${scoreName} ${fmt(r.score, scoreName === "conversions" ? 0 : 2)}`, () => openCustomer(r.customerId));
      list.append(li);
    }
    if (!ranked.length) list.append(el("li", "no influencer found", "muted"));
    results.append(list);
  }

  function drawInfluencers(hubId, hubLabel, hubKind, ranked) {
    cy.elements().remove();
    cy.add({ group: "nodes", data: { id: hubId, label: hubLabel, kind: hubKind }, classes: hubKind });
    for (const r of ranked) {
      const c = r.customer || {};
      customerNode(r.customerId, r.name, c.influence, c.community);
      cy.add({ group: "edges", data: { id: `${r.customerId}->${hubId}`, source: r.customerId,
                                       target: hubId, width: 1 + Math.log2(1 + r.score) } });
    }
    layout();
  }

  const RANKED = "customerId name score customer { influence community }";

  async function openProduct(id) {
    const data = await gql(`query ProductInfluencers($id: ID!) { product(id: $id) { key name }
        influencers(productId: $id, first: 10) { ${RANKED} } }`, { id });
    if (!data.product) throw new ApiError(`no product ${id}`);
    rankedList(`Who sold ${data.product.name}`, data.influencers, "conversions");
    drawInfluencers(`product:${id}`, data.product.name, "product", data.influencers);
  }

  async function openTopic(topic) {
    const data = await gql(`query TopicInfluencers($t: String!) { influencers(topic: $t, first: 10) { ${RANKED} } }`,
      { t: topic });
    rankedList(`Who leads #${topic}`, data.influencers, "score");
    drawInfluencers(`topic:${topic}`, `#${topic}`, "topic", data.influencers);
  }

  async function applyFilter(text) {
    cy.elements().removeClass("faded match");
    if (!text) return;
    const topic = text.startsWith("#") ? text.slice(1).toLowerCase() : null;
    const data = topic
      ? await gql(`query F($t: String!) { influencers(topic: $t, first: 100) { customerId } }`, { t: topic })
      : await gql(`query F($p: ID!) { influencers(productId: $p, first: 100) { customerId } }`, { p: text });
    const ids = new Set(data.influencers.map((r) => r.customerId));
    const matched = cy.nodes().filter((n) => ids.has(n.id()));
    cy.elements().addClass("faded");
    matched.removeClass("faded").addClass("match");
    matched.connectedEdges().removeClass("faded");
    status(`${matched.length} of the customers drawn speak for ${text}`);
  }

  // ---- path and campaign seeds ---------------------------------------------------------------
  const globalId = (type, key) => window.btoa(unescape(encodeURIComponent(`${type}:${key}`)));

  async function customersByKey(keys, extra) {
    const data = await gql(`query Many($ids: [ID!]!) { nodes(ids: $ids) {
        ... on Customer { key name influence community ${extra || ""} } } } ${extra ? LINK : ""}`,
      { ids: keys.map((k) => globalId("Customer", k)) });
    return data.nodes.filter(Boolean);
  }

  async function findPath(from, to) {
    if (!from || !to) throw new ApiError("a path needs two customer ids: fill in from and to");
    const data = await gql(`query Path($a: ID!, $b: ID!) { influencePath(fromId: $a, toId: $b) }`,
      { a: from, b: to });
    const path = data.influencePath;
    cy.elements().removeClass("onpath");
    if (!path) { status(`${from} does not reach ${to} through influence`); return; }
    for (const c of await customersByKey(path)) customerNode(c.key, c.name, c.influence, c.community);
    for (let i = 0; i + 1 < path.length; i++) {
      const id = `${path[i]}->${path[i + 1]}`;
      if (cy.getElementById(id).empty()) {
        cy.add({ group: "edges", data: { id, source: path[i], target: path[i + 1], width: 3 } });
      }
      cy.getElementById(id).addClass("onpath");
    }
    for (const id of path) cy.getElementById(id).addClass("onpath");
    layout();
    const results = $("results");
    results.replaceChildren(el("h2", `Strongest path (${path.length - 1} steps)`));
    const list = el("ol", null, "list path");
    for (const id of path) list.append(resultItem("customer", id, cy.getElementById(id).data("label") || id, id, () => openCustomer(id)));
    results.append(list);
  }

  async function seeds(k) {
    const data = await gql(`query Seeds($k: Int!) { campaignSeeds(k: $k) { customerIds expectedSpread } }`,
      { k });
    const chosen = data.campaignSeeds.customerIds;
    cy.elements().remove();
    for (const c of await customersByKey(chosen, "influences(first: 8) { ...Link }")) {
      customerNode(c.key, c.name, c.influence, c.community);
      addLinks(c.key, c.influences, false);
    }
    for (const id of chosen) cy.getElementById(id).addClass("seed");
    layout();
    const results = $("results");
    results.replaceChildren(el("h2", `Campaign seeds: ${chosen.length}`),
      el("div", `expected spread ${fmt(data.campaignSeeds.expectedSpread, 1)} customers`, "muted"));
    const list = el("ol", null, "list seeds");
    for (const id of chosen) list.append(resultItem("customer", id, cy.getElementById(id).data("label") || id, id, () => openCustomer(id)));
    results.append(list);
  }

  // ---- the alert queue -----------------------------------------------------------------------
  function sla(due) {
    if (!due) return "no deadline";
    const left = Date.parse(due) - Date.now();
    const abs = Math.abs(left);
    const d = Math.floor(abs / 86400000), h = Math.floor((abs % 86400000) / 3600000),
      m = Math.floor((abs % 3600000) / 60000), s = Math.floor((abs % 60000) / 1000);
    const span = d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m ${s}s`;
    return left >= 0 ? `due in ${span}` : `overdue by ${span}`;
  }

  function tick() {
    for (const node of document.querySelectorAll(".sla[data-due]")) {
      node.textContent = sla(node.dataset.due);
      node.closest(".alert").classList.toggle("overdue", Date.parse(node.dataset.due) < Date.now());
    }
  }

  const ALERT = "key status assigneeId assigneeName";

  async function alertAction(card, mutation, variables, what) {
    const data = await gql(mutation, variables);
    const payload = Object.values(data)[0];
    if (payload.userErrors.length) throw new ApiError(payload.userErrors.map((e) => [e.message, e.hint].filter(Boolean).join(" - ")).join("; "));
    card.querySelector(".status").textContent = payload.alert.status.toLowerCase();
    card.querySelector(".assignee").textContent = payload.alert.assigneeName || payload.alert.assigneeId || "unassigned";
    status(`${what}: ${payload.alert.key}`);
  }

  async function alerts() {
    const data = await gql(`query Queue { alerts(first: 25) { totalCount nodes {
        key kind severity status raisedAt dueBy text customerId customerName assigneeId assigneeName } }
        employees(first: 100) { nodes { key name team } } }`);
    const panel = $("panel");
    panel.replaceChildren();
    const box = el("section"); box.id = "alerts";
    box.append(el("h2", `Open alerts: ${data.alerts.totalCount}`));
    for (const a of data.alerts.nodes) {
      const card = el("div", null, "alert");
      card.dataset.key = a.key;
      const head = el("div");
      head.append(el("span", `severity ${fmt(a.severity)}`, "sev"), " · ",
        el("span", a.status.toLowerCase(), "status"), " · ", el("span", "", "sla"));
      head.querySelector(".sla").dataset.due = a.dueBy || "";
      card.append(head);
      const who = el("div", null, "muted");
      who.append(`${a.customerName || a.customerId || "?"} · assigned to `,
        el("span", a.assigneeName || a.assigneeId || "unassigned", "assignee"));
      card.append(who, el("div", a.text || ""));
      const ack = el("button", "Acknowledge", "small ack");
      ack.onclick = () => run("acknowledging", () => alertAction(card,
        `mutation Ack($id: ID!) { acknowledgeAlert(id: $id) { alert { ${ALERT} } userErrors { message hint } } }`,
        { id: a.key }, "acknowledged"));
      const pick = el("select", null, "assign-to");
      for (const e of data.employees.nodes) {
        const option = el("option", `${e.name || e.key} (${e.team || "no team"})`);
        option.value = e.key;
        option.selected = e.key === a.assigneeId;
        pick.append(option);
      }
      const assign = el("button", "Assign", "small assign");
      assign.onclick = () => run("assigning", () => alertAction(card,
        `mutation Assign($id: ID!, $e: ID!) { assignAlert(id: $id, employeeId: $e) { alert { ${ALERT} } userErrors { message hint } } }`,
        { id: a.key, e: pick.value }, "assigned"));
      const open = el("button", "Customer", "small");
      open.onclick = () => run("opening the customer", () => openCustomer(a.customerId));
      const actions = el("div");
      actions.append(ack, " ", pick, " ", assign, " ", open);
      card.append(actions);
      box.append(card);
    }
    panel.append(box);
    tick();
  }

  // ---- wiring ----------------------------------------------------------------------------------
  function showKeyState() {
    const has = Boolean(key());
    $("key").hidden = has; $("use-key").hidden = has; $("forget-key").hidden = !has;
    if (!has) status("no key yet: enter an API key to explore (reader to look, writer to act on alerts)", true);
  }

  $("use-key").onclick = () => {
    const value = $("key").value.trim();
    if (!value) { status("paste an API key first", true); return; }
    window.localStorage.setItem(KEY_STORE, value);
    $("key").value = "";
    showKeyState();
    status("key kept in this browser");
  };
  $("forget-key").onclick = () => { window.localStorage.removeItem(KEY_STORE); showKeyState(); };
  $("search-form").onsubmit = (e) => {
    e.preventDefault();
    const text = $("search").value.trim().replace(/^#/, "");
    if (text) run("searching", () => search(text));
  };
  $("path-form").onsubmit = (e) => {
    e.preventDefault();
    run("finding the path", () => findPath($("path-from").value.trim(), $("path-to").value.trim()));
  };
  $("seeds-form").onsubmit = (e) => {
    e.preventDefault();
    run("choosing campaign seeds", () => seeds(Number($("seeds-k").value) || 5));
  };
  $("filter-form").onsubmit = (e) => {
    e.preventDefault();
    run("filtering", () => applyFilter($("filter").value.trim()));
  };
  $("alerts-go").onclick = () => run("loading alerts", alerts);
  cy.on("tap", "node[kind = 'customer']", (e) => {
    const id = e.target.id();
    run(`expanding ${e.target.data("label")}`, async () => { await expand(id); await show360(id); });
  });
  cy.on("tap", "edge", (e) => {
    const edge = e.target;
    if (cy.getElementById(edge.data("source")).data("kind") !== "customer") return;
    if (cy.getElementById(edge.data("target")).data("kind") !== "customer") return;
    run("reading the evidence", () => showWhy(edge.data("source"), edge.data("target")));
  });
  setInterval(tick, 1000);
  showKeyState();
  const start = new URLSearchParams(window.location.search).get("customer");
  if (start && key()) run("opening", () => openCustomer(start));

  // For tests and the curious: the graph as drawn, and the actions a click runs.
  window.explorer = { cy, expand, show360, showWhy, findPath, seeds, alerts, openProduct };
})();
