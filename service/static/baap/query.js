/* The /query page: YASGUI's editor (Yasqe) and result viewer (Yasr) on this server's /sparql.
   Without this script the page is a plain form that posts to /sparql. Nothing here talks to
   another origin: completion reads /query/prefixes.json and /query/vocabulary.json (this graph's
   prefixes, classes, properties and entities by notation); the completers of Linked Open
   Vocabularies are never enabled, and no share or CORS proxy is used. */
(function () {
  "use strict";
  var app = document.getElementById("query-app");
  if (!app || typeof Yasgui === "undefined") return;
  var config = JSON.parse(app.getAttribute("data-config"));
  var text = config.messages;
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;
  var textarea = document.getElementById("query-text");
  var status = document.getElementById("results-status");
  var errorBox = document.getElementById("query-error");
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

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
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

  /* Only our own pages and http(s) IRIs become links; javascript:, data: and every other scheme
     stay text. */
  function safeHref(iri) {
    var local = localPath(iri);
    if (local) return local;
    return /^https?:\/\//i.test(iri) ? iri : null;
  }

  /* Text with `backquoted` identifiers shown as code (as the server's code_spans filter). */
  function showCodeSpans(element, value) {
    element.textContent = "";
    String(value).split("`").forEach(function (part, index) {
      if (index % 2) {
        var code = document.createElement("code");
        code.textContent = part;
        element.appendChild(code);
      } else {
        element.appendChild(document.createTextNode(part));
      }
    });
  }

  function prefixed(iri, prefixes) {
    for (var name in prefixes) {
      if (iri.indexOf(prefixes[name]) === 0) return name + ":" + iri.slice(prefixes[name].length);
    }
    return "<" + iri + ">";
  }

  /* ------------------------------------------------------------ result table */

  var Table = Yasr.plugins.table;
  Table.defaults.openIriInNewWindow = false;
  Table.defaults.tableConfig.language = config.tableLanguage;
  /* IRIs as their labels (in the page language), linking to their pages here. */
  Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
    var iri = binding.value;
    var shown = labels[iri] || prefixed(iri, prefixes || config.prefixes);
    var href = safeHref(iri);
    if (!href) {
      return "<span class='iri unlinked' title='" + escapeHtml(iri) + "'>" + escapeHtml(shown) + "</span>";
    }
    return "<a class='iri' href='" + escapeHtml(href) + "' title='" + escapeHtml(iri) + "'>" +
      escapeHtml(shown) + "</a>";
  };
  /* Literals as values: 16, not "16"^^xsd:integer; the datatype or language is a hint. */
  Table.prototype.formatLiteral = function (binding) {
    var value = escapeHtml(binding.value);
    if (binding["xml:lang"]) {
      return "<span lang='" + escapeHtml(binding["xml:lang"]) + "'>" + value + "</span>";
    }
    if (binding.datatype) {
      var type = prefixed(binding.datatype, config.prefixes);
      return "<span class='typed' title='" + escapeHtml(type) + "'>" + value + "</span>";
    }
    return value;
  };

  /* ------------------------------------------------------------ editor and completion */

  /* Only these completers: never the class and property completers that ask lov.linkeddata.es. */
  Yasqe.defaults.autocompleters = ["variables", "prefixes"];

  var yasqe = new Yasqe(document.getElementById("yasqe"), {
    value: textarea.value,
    persistenceId: null,
    autofocus: false,
    resizeable: true,
    editorHeight: "340px",
    showQueryButton: true,
    prefixCcApi: window.location.origin + "/query/prefixes.json",
    autocompleters: ["variables", "prefixes"],
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

  function expand(word) {
    if (word.charAt(0) === "<") return word.slice(1, -1);
    var colon = word.indexOf(":");
    var known = yasqe.getPrefixesFromQuery();
    var ns = known[word.slice(0, colon)] || config.prefixes[word.slice(0, colon)];
    return ns ? ns + word.slice(colon + 1) : word;
  }

  function labelOf(term, lang) {
    var names = term.label || {};
    return names[lang] || names.en || "";
  }

  /* Each hint shows what it names: "baap:Activity · Activity", "AFR1 · Africa 1 ...". */
  function describeHints(index) {
    return function (_yasqe, hints) {
      return hints.map(function (hint) {
        var term = index[expand(hint.text)];
        var name = term ? labelOf(term, config.lang) : "";
        hint.displayText = name ? hint.text + "  ·  " + name : hint.text;
        return hint;
      });
    };
  }

  function enableCompletion(vocabulary) {
    var terms = {};
    vocabulary.classes.concat(vocabulary.properties).forEach(function (t) { terms[t.iri] = t; });
    Yasqe.forkAutocompleter("class", {
      name: "baapClass",
      bulk: true,
      autoShow: true,
      get: vocabulary.classes.map(function (t) { return t.iri; }),
      postprocessHints: describeHints(terms),
    }, false);
    Yasqe.forkAutocompleter("property", {
      name: "baapProperty",
      bulk: true,
      autoShow: true,
      get: vocabulary.properties.map(function (t) { return t.iri; }),
      postprocessHints: describeHints(terms),
    }, false);
    var entities = {};
    vocabulary.entities.forEach(function (e) { entities[e.iri] = e; });
    Yasqe.registerAutocompleter({
      name: "baapEntity",
      bulk: false,
      autoShow: false,
      /* A bare code being typed where a term may stand (not a keyword, variable, IRI, string,
         prefixed name, nor the predicate or class position the other completers serve). */
      isValidCompletionPosition: function (editor) {
        var token = editor.getCompleteToken();
        if (!/^[A-Za-z0-9][A-Za-z0-9./_-]*$/.test(token.string)) return false;
        if (token.type === "keyword" || token.type === "string-2") return false;
        var previous = editor.getPreviousNonWsToken(editor.getDoc().getCursor().line, token);
        if (previous && previous.state && previous.state.lastProperty === "a") return false;
        return true;
      },
      preProcessToken: function (_editor, token) { return token; },
      get: function (_editor, token) {
        var wanted = (token.string || "").toLowerCase();
        var found = vocabulary.entities.filter(function (e) {
          return e.notation.toLowerCase().indexOf(wanted) === 0;
        });
        return found.slice(0, 60).map(function (e) { return e.iri; });
      },
      postProcessSuggestion: function (_editor, _token, iri) { return "<" + iri + ">"; },
      postprocessHints: function (_editor, hints) {
        return hints.map(function (hint) {
          var entity = entities[hint.text.slice(1, -1)];
          if (entity) hint.displayText = entity.notation + "  ·  " + labelOf(entity, config.lang);
          return hint;
        });
      },
    }, false);
    ["baapProperty", "baapClass", "baapEntity"].forEach(function (name) {
      yasqe.enableCompleter(name).catch(function () { /* completion is a nicety */ });
    });
    app.setAttribute("data-completion", "ready");
  }

  fetch("/query/vocabulary.json", { headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (vocabulary) { if (vocabulary) enableCompletion(vocabulary); })
    .catch(function () { /* the editor works without completion */ });

  /* ------------------------------------------------------------ results */

  /* "12 results in 0.01 seconds", in the page's language. */
  Yasr.prototype.updateResponseInfo = function () {
    if (!this.dataElement) return;
    var info = "";
    if (this.results) {
      this.dataElement.classList.remove("empty");
      var rows = this.results.getBindings();
      var ms = this.results.getResponseTime();
      if (rows) info = text.resultCount.replace("{count}", rows.length);
      if (ms) info += (info ? " · " : "") + text.seconds.replace("{seconds}", (ms / 1000).toFixed(3));
    } else {
      this.dataElement.classList.add("empty");
    }
    this.dataElement.textContent = info;
  };

  var yasr = new Yasr(document.getElementById("yasr"), {
    persistenceId: null,
    prefixes: config.prefixes,
    pluginOrder: ["table", "response"],
    defaultPlugin: "table",
  });

  /* Yasr writes its controls in English: put them in the page's language. */
  function translateWithin(root) {
    var words = config.yasrText;
    if (!words || !root) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var key = node.nodeValue.trim();
      if (words[key]) node.nodeValue = node.nodeValue.replace(key, words[key]);
    }
    Array.prototype.forEach.call(root.querySelectorAll("[title],[placeholder],[aria-label]"), function (el) {
      ["title", "placeholder", "aria-label"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value && words[value.trim()]) el.setAttribute(name, words[value.trim()]);
      });
    });
  }

  yasr.on("drawn", function () {
    /* Name the controls Yasr draws without one (the page-size select). */
    Array.prototype.forEach.call(document.querySelectorAll("#yasr select:not([aria-label])"), function (el) {
      el.setAttribute("aria-label", el.className.indexOf("tableSizer") >= 0 ? text.pageSize : text.option);
    });
    translateWithin(document.getElementById("yasr"));
  });
  translateWithin(document.getElementById("yasqe"));
  translateWithin(document.getElementById("yasr"));

  function queryUrl(query) {
    return "/query?query=" + encodeURIComponent(query);
  }

  function updateDownloads() {
    var query = yasqe.getValue();
    var type = (yasqe.getQueryType && yasqe.getQueryType()) || "SELECT";
    var list = type === "CONSTRUCT" || type === "DESCRIBE" ? config.graphDownloads : config.selectDownloads;
    var label = downloads.querySelector("span");
    downloads.textContent = "";
    downloads.appendChild(label);
    list.forEach(function (entry) {
      var a = document.createElement("a");
      a.href = config.endpoint + "?query=" + encodeURIComponent(query) + "&format=" + entry[0];
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
    } catch (e) { /* not JSON */ }
    return null;
  }

  /* ------------------------------------------------------------ errors */

  var errorMark = null;

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = "";
    app.classList.remove("has-error");
    if (errorMark) { errorMark.clear(); errorMark = null; }
  }

  /* The endpoint's problem (RFC 9457) as a message with its position, and a marker on the line. */
  function showError(response) {
    var detail = (response && response.message) || String(response || "");
    var where = null;
    try {
      var problem = JSON.parse(detail);
      detail = problem.detail || problem.title || detail;
      if (problem.line && problem.column) { where = [null, String(problem.line), String(problem.column)]; }
    } catch (e) { /* not problem+json: the text itself */ }
    where = where || /(?:error at |line )(\d+)(?::|, column )(\d+)/.exec(detail);
    var heading = document.createElement("strong");
    heading.textContent = where
      ? text.errorAt.replace("{line}", where[1]).replace("{column}", where[2])
      : text.error;
    var message = document.createElement("p");
    message.lang = "en";
    message.className = "error-message";
    message.textContent = detail;
    errorBox.textContent = "";
    errorBox.appendChild(heading);
    errorBox.appendChild(message);
    errorBox.hidden = false;
    app.classList.add("has-error");
    if (where) {
      var line = Math.max(0, Math.min(parseInt(where[1], 10) - 1, yasqe.getDoc().lineCount() - 1));
      var marker = document.createElement("span");
      marker.className = "query-error-marker";
      marker.title = detail;
      marker.textContent = "\u25B6";
      marker.setAttribute("aria-hidden", "true");
      yasqe.setGutterMarker(line, "gutterErrorBar", marker);
      errorMark = yasqe.getDoc().markText(
        { line: line, ch: 0 }, { line: line, ch: yasqe.getDoc().getLine(line).length },
        { className: "query-error-line" }
      );
    }
  }

  function run() {
    yasqe.query().catch(function () { /* shown by the queryResponse handler */ });
  }

  yasqe.on("query", function () {
    clearError();
    status.textContent = "…";
    app.setAttribute("data-state", "running");
    window.history.replaceState(null, "", queryUrl(yasqe.getValue()));
  });
  yasqe.on("queryResponse", function (_instance, response, duration) {
    var ok = response && !(response instanceof Error) && response.ok !== false;
    if (!ok) {
      status.textContent = "";
      showError(response);
      app.setAttribute("data-state", "error");
      return;
    }
    var content = response.content || "";
    fetchLabels(collectIris(content)).then(function () {
      yasr.setResponse(response, duration);
      var rows = countRows(content);
      status.textContent = rows === null ? "" : text.rows.replace("{count}", rows);
      app.setAttribute("data-state", "done");
    });
  });
  yasqe.on("change", function () {
    window.clearTimeout(updateDownloads.timer);
    updateDownloads.timer = window.setTimeout(updateDownloads, 250);
  });

  document.getElementById("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });

  /* Examples: the menu loads one from /sparql/examples and runs it. */
  var select = document.getElementById("example-select");
  var examples = {};
  Array.prototype.forEach.call(select.options, function (option) {
    if (option.value) examples[option.value] = option;
  });
  document.getElementById("example-open").hidden = true;
  var exampleList = null;
  function loadExamples() {
    if (exampleList) return Promise.resolve(exampleList);
    return fetch("/sparql/examples", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (json) { exampleList = json.examples; return exampleList; });
  }
  select.addEventListener("change", function () {
    var id = select.value;
    if (!id) return;
    loadExamples().then(function (list) {
      var example = list.filter(function (e) { return e.id === id; })[0];
      if (!example) return;
      showCodeSpans(
        document.getElementById("example-description"),
        examples[id].getAttribute("data-description") || example.description
      );
      yasqe.setValue(example.query);
      updateDownloads();
      run();
    });
  });

  shareButton.hidden = false;
  shareButton.addEventListener("click", function () {
    var url = window.location.origin + queryUrl(yasqe.getValue());
    window.history.replaceState(null, "", queryUrl(yasqe.getValue()));
    var done = function () { shareButton.textContent = text.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, done);
    } else {
      done();
    }
  });

  updateDownloads();
  window.baapQuery = { yasqe: yasqe, yasr: yasr };
  if (config.autorun) run();
  app.setAttribute("data-ready", "true");
})();
