// kg's query page: Yasgui against this endpoint only. No request leaves for another origin: the
// prefixes come from kg's own list (in the page), and the completers that ask the web (LOV for
// classes and properties, prefix lists) are replaced by one over that list.
(function () {
  "use strict";
  var prefixes = JSON.parse(document.getElementById("kg-prefixes").textContent);
  var endpoint = new URL("query", window.location.href).href;
  document.getElementById("kg-endpoint").textContent = endpoint;
  var Yasqe = Yasgui.Yasqe;
  Yasqe.forkAutocompleter("prefixes", {
    name: "kg-prefixes",
    persistenceId: null,
    get: function () {
      return Object.keys(prefixes).sort().map(function (p) { return p + ": <" + prefixes[p] + ">"; });
    }
  }, false);
  Yasqe.defaults.autocompleters = ["kg-prefixes", "variables"];
  var declared = Object.keys(prefixes).map(function (p) { return "PREFIX " + p + ": <" + prefixes[p] + ">"; });
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    persistenceId: null,
    populateFromUrl: true,
    yasqe: {
      value: "SELECT ?work ?person WHERE {\n  ?work kgo:director ?person\n}\nLIMIT 10",
      prefixes: declared,
      autocompleters: ["kg-prefixes", "variables"]
    },
    yasr: { prefixes: prefixes }
  });
  window.kgYasgui = yasgui;
})();
