/* The live page: goals and the minute are posted to /api/v1/live and the numbers, the
   table, the chart and the share link are redrawn in place. Without JavaScript the same
   form works as plain GET requests. */
(function () {
  "use strict";

  var section = document.getElementById("live");
  var form = document.getElementById("live-events");
  if (!section || !form) { return; }
  var chartData = JSON.parse(document.getElementById("winprob-data").textContent);
  var goals = chartData.goals.map(function (g) {
    return { minute: g.minute, side: g.side, scorer: g.scorer, penalty: g.penalty, own_goal: g.own_goal };
  });
  var fixture = {
    home: section.getAttribute("data-home"), away: section.getAttribute("data-away"),
    date: section.getAttribute("data-date"),
    neutral: section.getAttribute("data-neutral") === "true",
    knockout: section.getAttribute("data-knockout") === "true"
  };
  var venue = section.getAttribute("data-venue");

  function pct(v) {
    if (v == null) { return "–"; }
    var p = v * 100;
    return (p > 0 && p < 0.5) ? "<1%" : Math.round(p) + "%";
  }

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el) { el.textContent = text; }
  }

  function setProb(id, v) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.textContent = pct(v);
    var rect = el.parentNode.querySelector("svg.bar rect");
    if (rect) { rect.setAttribute("width", ((v || 0) * 100).toFixed(2)); }
  }

  function cell(text, cls) {
    var td = document.createElement("td");
    if (cls) { td.className = cls; }
    td.textContent = text;
    return td;
  }

  function goalRows(s) {
    var body = document.getElementById("goal-rows");
    body.textContent = "";
    s.goals.forEach(function (g) {
      var tr = document.createElement("tr");
      var flags = (g.penalty ? ", pen" : "") + (g.own_goal ? ", own goal" : "");
      tr.appendChild(cell(g.minute + "'", "n"));
      tr.appendChild(cell((g.scorer || "–") + " (" + g.team + flags + ")"));
      tr.appendChild(cell(g.home_goals + "–" + g.away_goals, "n"));
      tr.appendChild(cell(pct(g.p_home), "n"));
      tr.appendChild(cell(pct(g.p_draw), "n hide-s"));
      tr.appendChild(cell(pct(g.p_away), "n"));
      body.appendChild(tr);
    });
  }

  function shareQuery(s) {
    var q = new URLSearchParams();
    q.set("home", s.home_team);
    q.set("away", s.away_team);
    q.set("date", s.date);
    q.set("venue", venue);
    if (s.knockout) { q.set("knockout", "true"); }
    q.set("minute", String(s.minute));
    if (s.goals_text) { q.set("goals", s.goals_text); }
    return q.toString();
  }

  function show(s) {
    var extra = s.period === "extra time";
    setText("live-score", s.home_goals + "–" + s.away_goals);
    setText("live-minute", s.minute + "'" + (extra ? " (extra time)" : ""));
    setText("draw-label", extra ? "Shoot-out" : "Draw");
    setText("live-period", extra ? "Result after extra time; a level score goes to penalties (50/50)."
                                 : "90-minute result.");
    setProb("p-home", s.p_home);
    setProb("p-draw", s.p_draw);
    setProb("p-away", s.p_away);
    if (s.knockout) {
      setText("p-home-advance", pct(s.p_home_advance));
      setText("p-away-advance", pct(s.p_away_advance));
      setText("p-shootout", pct(s.p_shootout));
    }
    goalRows(s);
    document.getElementById("goals-field").value = s.goals_text;
    document.getElementById("minute-field").value = String(s.minute);
    document.getElementById("undo").disabled = s.goals.length === 0;
    var query = shareQuery(s);
    document.getElementById("share-url").value = location.origin + "/live?" + query;
    history.replaceState(null, "", "/live?" + query);
    document.title = s.home_team + " " + s.home_goals + "–" + s.away_goals + " " + s.away_team +
      ", " + s.minute + "' · scoreline";
    chartData = { kind: "winprob", home_team: s.home_team, away_team: s.away_team,
                  timeline: s.curve, goals: s.goals, low: null };
    var el = document.getElementById("winprob-chart");
    if (window.scorelineCharts && window.uPlot) { window.scorelineCharts.winprob(el, chartData); }
    el.setAttribute("data-goals", String(s.goals.length));
  }

  function fail(message) {
    var el = document.getElementById("live-error");
    el.textContent = message;
    el.hidden = false;
  }

  function post(nextGoals, minute) {
    var body = JSON.stringify({ home: fixture.home, away: fixture.away, date: fixture.date,
                                neutral: fixture.neutral, knockout: fixture.knockout,
                                minute: minute, goals: nextGoals });
    return fetch("/api/v1/live", { method: "POST", body: body,
                                   headers: { "Content-Type": "application/json", "Accept": "application/json" } })
      .then(function (r) {
        return r.json().then(function (d) {
          if (!r.ok) { throw new Error(d.message || ("HTTP " + r.status)); }
          return d;
        });
      })
      .then(function (s) {
        goals = nextGoals;
        document.getElementById("live-error").hidden = true;
        document.getElementById("scorer-field").value = "";
        document.getElementById("pen-field").checked = false;
        document.getElementById("og-field").checked = false;
        show(s);
      })
      .catch(function (e) { fail(e.message); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = event.submitter;
    var typed = document.getElementById("minute-field").value.trim();
    var minute = parseInt(typed.split("+")[0], 10);
    if (isNaN(minute)) { fail("Give the minute, e.g. 74 or 45+2."); return; }
    var next = goals.slice();
    if (button && button.name === "add") {
      var scorer = document.getElementById("scorer-field").value.trim();
      next.push({ minute: minute, side: button.value, scorer: scorer || null,
                  penalty: document.getElementById("pen-field").checked,
                  own_goal: document.getElementById("og-field").checked });
    } else if (button && button.name === "undo") {
      next.pop();
      minute = next.length ? Math.max(minute, next[next.length - 1].minute) : minute;
    }
    post(next, minute);
  });
})();
