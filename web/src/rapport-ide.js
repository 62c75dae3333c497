// GraphiQL for Rapport: the API key is asked for on the page and kept in this browser only
// (localStorage); every query sends it as X-API-Key. The API itself still refuses queries
// without a valid key.
(function () {
  "use strict";
  const STORE = "rapport.apiKey";
  const input = document.getElementById("key");
  const status = document.getElementById("status");
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  let generation = 0;

  function key() {
    return window.localStorage.getItem(STORE) || "";
  }

  function show() {
    const known = key() !== "";
    status.textContent = known
      ? "key kept in this browser only"
      : "no key yet: queries will be refused (401)";
    status.className = known ? "ok" : "missing";
  }

  async function fetcher(params) {
    const headers = {
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
    };
    if (key()) headers["X-API-Key"] = key();
    const response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify(params),
    });
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      return { errors: [{ message: `HTTP ${response.status}: enter a valid API key above` }] };
    }
    try {
      return JSON.parse(text);
    } catch (_) {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 300)}` }] };
    }
  }

  function render() {
    generation += 1; // a new key: load the schema again
    root.render(React.createElement(GraphiQL, { fetcher, key: generation }));
    show();
  }

  document.getElementById("keybar").addEventListener("submit", function (event) {
    event.preventDefault();
    const value = input.value.trim();
    if (value) window.localStorage.setItem(STORE, value);
    input.value = "";
    render();
  });
  document.getElementById("forget").addEventListener("click", function () {
    window.localStorage.removeItem(STORE);
    render();
  });
  render();
})();
