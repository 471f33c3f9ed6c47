/* The /query page: YASGUI's editor (Yasqe) and result viewer (Yasr) on this server's /sparql.
   Without this script the page is a plain form that posts to /sparql. Nothing here talks to
   another origin: prefix completion reads /query/prefixes.json, the class and property
   completers of Linked Open Vocabularies are left out, and no share or CORS proxy is used. */
(function () {
  "use strict";
  var app = document.getElementById("query-app");
  if (!app || typeof Yasgui === "undefined") return;
  var config = JSON.parse(app.getAttribute("data-config"));
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;
  var textarea = document.getElementById("query-text");
  var status = document.getElementById("results-status");
  var downloads = document.getElementById("downloads");
  var shareButton = document.getElementById("share-query");
  var labels = {};
  var endpoint = window.location.origin + config.endpoint;
  var SDG = "http://metadata.un.org/sdg/";

  document.documentElement.classList.add("js");
  Array.prototype.forEach.call(document.querySelectorAll(".no-js-only"), function (el) {
    el.hidden = true;
  });
  textarea.hidden = true;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Where this server shows an IRI: /id/... for its own and the UN SDG IRIs. */
  function localPath(iri) {
    if (iri.indexOf(config.base) === 0) return "/id/" + iri.slice(config.base.length);
    if (iri.indexOf(SDG) === 0 && iri.length > SDG.length && iri.indexOf("ontology") < 0) {
      return "/id/sdg/" + iri.slice(SDG.length);
    }
    return null;
  }

  function prefixed(iri, prefixes) {
    for (var name in prefixes) {
      if (iri.indexOf(prefixes[name]) === 0) return name + ":" + iri.slice(prefixes[name].length);
    }
    return "<" + iri + ">";
  }

  /* Result IRIs as their labels (in the page language), linking to their pages here. */
  var Table = Yasr.plugins.table;
  Table.defaults.openIriInNewWindow = false;
  Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
    var iri = binding.value;
    var local = localPath(iri);
    var text = labels[iri] || prefixed(iri, prefixes || config.prefixes);
    return "<a class='iri' href='" + escapeHtml(local || iri) + "' title='" + escapeHtml(iri) +
      "'>" + escapeHtml(text) + "</a>";
  };

  var yasqe = new Yasqe(document.getElementById("yasqe"), {
    value: textarea.value,
    persistenceId: null,
    autofocus: false,
    resizeable: true,
    editorHeight: "340px",
    showQueryButton: true,
    prefixCcApi: window.location.origin + "/query/prefixes.json",
    autocompleters: ["prefixes", "variables"],
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
      acceptHeaderUpdate: "text/plain",
    },
  });
  /* The scrolling editor area is reachable by keyboard (axe: scrollable-region-focusable). */
  var scroller = document.querySelector("#yasqe .CodeMirror-scroll");
  if (scroller) scroller.setAttribute("tabindex", "0");
  var editorInput = yasqe.getInputField ? yasqe.getInputField() : null;
  if (editorInput) editorInput.setAttribute("aria-label", document.querySelector("label[for='query-text']").textContent);

  var yasr = new Yasr(document.getElementById("yasr"), {
    persistenceId: null,
    prefixes: config.prefixes,
    pluginOrder: ["table", "response"],
    defaultPlugin: "table",
  });

  /* Name the controls Yasr draws without one (the page-size select). */
  yasr.on("drawn", function () {
    Array.prototype.forEach.call(document.querySelectorAll("#yasr select:not([aria-label])"), function (el) {
      el.setAttribute("aria-label", el.className.indexOf("tableSizer") >= 0 ? "Page size" : "Option");
    });
  });

  function queryUrl(text) {
    return "/query?query=" + encodeURIComponent(text);
  }

  function updateDownloads() {
    var text = yasqe.getValue();
    var type = (yasqe.getQueryType && yasqe.getQueryType()) || "SELECT";
    var list = type === "CONSTRUCT" || type === "DESCRIBE" ? config.graphDownloads : config.selectDownloads;
    var label = downloads.querySelector("span");
    downloads.textContent = "";
    downloads.appendChild(label);
    list.forEach(function (entry) {
      var a = document.createElement("a");
      a.href = config.endpoint + "?query=" + encodeURIComponent(text) + "&format=" + entry[0];
      a.setAttribute("download", "results." + entry[2]);
      a.textContent = entry[1];
      downloads.appendChild(a);
    });
  }

  function collectIris(content) {
    var found = {};
    try {
      var json = JSON.parse(content);
      var rows = (json.results && json.results.bindings) || [];
      rows.forEach(function (row) {
        Object.keys(row).forEach(function (name) {
          var term = row[name];
          if (term.type === "uri" && !(term.value in labels)) found[term.value] = true;
        });
      });
    } catch (e) {
      return [];
    }
    return Object.keys(found).slice(0, 3000);
  }

  function fetchLabels(iris) {
    if (!iris.length) return Promise.resolve();
    var values = iris.map(function (iri) { return "<" + iri.replace(/[<>"{}|^`\\\s]/g, "") + ">"; }).join(" ");
    var query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
      "SELECT ?s ?l ?lang WHERE { VALUES ?s { " + values + " } ?s rdfs:label ?l BIND(LANG(?l) AS ?lang) }";
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
      body: query,
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (json) {
      if (!json) return;
      var best = {};
      json.results.bindings.forEach(function (row) {
        var iri = row.s.value, lang = (row.lang && row.lang.value || "").split("-")[0];
        var rank = lang === config.lang ? 0 : lang === "en" ? 1 : 2;
        if (!(iri in best) || rank < best[iri].rank) best[iri] = { rank: rank, text: row.l.value };
      });
      Object.keys(best).forEach(function (iri) { labels[iri] = best[iri].text; });
    }).catch(function () { /* labels are a nicety: IRIs stay as prefixed names */ });
  }

  function countRows(content) {
    try {
      var json = JSON.parse(content);
      if (json.results && json.results.bindings) return json.results.bindings.length;
      if (typeof json.boolean === "boolean") return null;
    } catch (e) { /* not JSON */ }
    return null;
  }

  yasqe.on("query", function () {
    status.textContent = "…";
    app.setAttribute("data-state", "running");
    var text = yasqe.getValue();
    window.history.replaceState(null, "", queryUrl(text));
  });
  yasqe.on("queryResponse", function (_instance, response, duration) {
    var ok = response && !(response instanceof Error) && response.ok !== false;
    var content = ok && response.content ? response.content : "";
    fetchLabels(ok ? collectIris(content) : []).then(function () {
      yasr.setResponse(response, duration);
      var rows = ok ? countRows(content) : null;
      status.textContent = rows === null ? "" : config.messages.rows.replace("{count}", rows);
      app.setAttribute("data-state", ok ? "done" : "error");
    });
  });
  yasqe.on("change", function () {
    window.clearTimeout(updateDownloads.timer);
    updateDownloads.timer = window.setTimeout(updateDownloads, 250);
  });

  document.getElementById("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    yasqe.query();
  });

  /* Examples: the menu loads one from /sparql/examples and runs it. */
  var examples = null;
  function loadExamples() {
    if (examples) return Promise.resolve(examples);
    return fetch("/sparql/examples", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (json) { examples = json.examples; return examples; });
  }
  var select = document.getElementById("example-select");
  document.getElementById("example-open").hidden = true;
  select.addEventListener("change", function () {
    var id = select.value;
    if (!id) return;
    loadExamples().then(function (list) {
      var example = list.filter(function (e) { return e.id === id; })[0];
      if (!example) return;
      document.getElementById("example-description").textContent = example.description;
      yasqe.setValue(example.query);
      updateDownloads();
      yasqe.query();
    });
  });

  shareButton.hidden = false;
  shareButton.addEventListener("click", function () {
    var url = window.location.origin + queryUrl(yasqe.getValue());
    window.history.replaceState(null, "", queryUrl(yasqe.getValue()));
    var done = function () { shareButton.textContent = config.messages.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, done);
    } else {
      done();
    }
  });

  updateDownloads();
  window.baapQuery = { yasqe: yasqe, yasr: yasr };
  if (config.autorun) yasqe.query();
  app.setAttribute("data-ready", "true");
})();
