// Live reload for r2p serve. It listens to the preview's build events:
// after a good build it reloads the page if the page changed, after a
// failed one it shows the problems over the page until the next good build.
(function () {
  "use strict";
  var gen = -1;
  var overlay = null;

  function here() {
    var p = location.pathname;
    return p.endsWith("/index.html") ? p.slice(0, -10) : p;
  }

  function showProblems(problems) {
    hideProblems();
    overlay = document.createElement("div");
    overlay.className = "r2p-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build problems");
    var h = document.createElement("h2");
    h.textContent = "The last save did not build (" + problems.length + (problems.length === 1 ? " problem)" : " problems)");
    overlay.appendChild(h);
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var pos = document.createElement("code");
      pos.textContent = p.pos;
      li.appendChild(pos);
      li.appendChild(document.createTextNode(" " + p.msg));
      list.appendChild(li);
    });
    overlay.appendChild(list);
    var note = document.createElement("p");
    note.textContent = "The page below is the last good build. Fix the problem and save: this notice goes away by itself.";
    overlay.appendChild(note);
    document.body.appendChild(overlay);
  }

  function hideProblems() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function concerns(paths) {
    if (!paths || paths.length === 0) return true;
    var p = decodeURI(here());
    return paths.indexOf(p) >= 0;
  }

  function connect() {
    var es = new EventSource("/__r2p/events");
    es.addEventListener("build", function (e) {
      var s = JSON.parse(e.data);
      if (s.problems && s.problems.length) {
        showProblems(s.problems);
        gen = s.gen;
        return;
      }
      var first = gen < 0;
      var hadProblems = overlay !== null;
      hideProblems();
      if (!first && s.gen !== gen && (hadProblems || concerns(s.paths))) {
        location.reload();
      }
      gen = s.gen;
    });
    es.onerror = function () {
      // EventSource reconnects by itself; a restarted server sends a fresh
      // generation, which reloads the page once it differs.
    };
  }
  connect();
})();
