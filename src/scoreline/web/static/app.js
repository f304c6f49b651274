/* scoreline pages: draw the charts with the vendored uPlot from the data the page embeds
   (<script type="application/json">) or fetches from the JSON API. No framework. */
(function () {
  "use strict";

  // one clearly different colour per contender (Tableau 10, yellow darkened for white
  // backgrounds); past ten, lines repeat the colours dashed
  var PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2",
                 "#c9a227", "#9c755f", "#ff9da7", "#6b6b6b"];

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function day(iso) { return Date.parse(iso + "T00:00:00Z") / 1000; }

  function pct(v) { return v == null ? "–" : (v * 100).toFixed(1) + "%"; }

  function size(el) {
    var w = Math.max(280, el.clientWidth - 8);
    return { width: w, height: w < 500 ? 220 : 300 };
  }

  function mount(el, opts, data) {
    el.textContent = "";
    var s = size(el);
    opts.width = s.width;
    opts.height = s.height;
    var plot = new uPlot(opts, data, el);
    var last = s.width;
    window.addEventListener("resize", function () {
      var n = size(el);
      if (n.width !== last) { last = n.width; plot.setSize(n); }
    });
    el.classList.add("drawn");
    return plot;
  }

  function ratingChart(el, d) {
    var xs = d.dates.map(day);
    mount(el, {
      title: "",
      scales: { x: { time: true } },
      series: [
        { label: "Date", value: "{YYYY}-{MM}-{DD}" },
        { label: "Elo " + d.team, stroke: "#1f6fb5", width: 1.5,
          value: function (u, v) { return v == null ? "–" : Math.round(v); } }
      ],
      axes: [{}, { size: 50 }],
      legend: { show: true }
    }, [xs, d.rating]);
  }

  function winprobChart(el, d) {
    var t = d.timeline;
    var minutes = t.map(function (p) { return p.minute; });
    var goals = d.goals.filter(function (g) { return g.minute != null; });
    mount(el, {
      scales: { x: { time: false }, y: { range: [0, 1] } },
      series: [
        { label: "Minute", value: function (u, v) { return v == null ? "–" : v + "'"; } },
        { label: d.home_team + " win", stroke: "#1f6fb5", width: 2, value: function (u, v) { return pct(v); } },
        { label: "Draw", stroke: "#8a8f96", width: 1.5, dash: [5, 4], value: function (u, v) { return pct(v); } },
        { label: d.away_team + " win", stroke: "#d1495b", width: 2, value: function (u, v) { return pct(v); } }
      ],
      axes: [
        { values: function (u, vals) { return vals.map(function (v) { return v + "'"; }); } },
        { size: 46, values: function (u, vals) { return vals.map(function (v) { return Math.round(v * 100) + "%"; }); } }
      ],
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          ctx.font = (11 * devicePixelRatio) + "px system-ui, sans-serif";
          ctx.textAlign = "center";
          goals.forEach(function (g, i) {
            var x = Math.round(u.valToPos(g.minute, "x", true));
            var home = g.team === d.home_team;
            ctx.strokeStyle = home ? "#1f6fb5" : "#d1495b";
            ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
            ctx.lineWidth = devicePixelRatio;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillStyle = ctx.strokeStyle;
            var label = "● " + g.home_goals + "–" + g.away_goals;
            ctx.fillText(label, x, u.bbox.top + (12 + 12 * (i % 2)) * devicePixelRatio);
          });
          if (d.low) {
            var lx = u.valToPos(d.low.minute, "x", true);
            var ly = u.valToPos(d.low.p, "y", true);
            ctx.setLineDash([]);
            ctx.fillStyle = d.low.team === d.home_team ? "#1f6fb5" : "#d1495b";
            ctx.beginPath();
            ctx.arc(lx, ly, 4.5 * devicePixelRatio, 0, 2 * Math.PI);
            ctx.fill();
            ctx.textAlign = "right";
            ctx.fillText("low " + pct(d.low.p) + " ", lx - 4 * devicePixelRatio, ly - 8 * devicePixelRatio);
          }
          ctx.restore();
        }]
      }
    }, [minutes, t.map(function (p) { return p.p_home; }), t.map(function (p) { return p.p_draw; }),
        t.map(function (p) { return p.p_away; })]);
  }

  // the live page redraws the win-probability chart as goals are entered
  window.scorelineCharts = { winprob: winprobChart };

  function timelineChart(el, d) {
    var xs = d.dates.map(day);
    var series = [{ label: "Date", value: "{YYYY}-{MM}-{DD}" }];
    var data = [xs];
    d.contenders.forEach(function (c, i) {
      series.push({ label: c.team, stroke: PALETTE[i % PALETTE.length], width: 2,
                    dash: i < PALETTE.length ? undefined : [6, 3],
                    value: function (u, v) { return pct(v); } });
      data.push(c.p_champion);
    });
    mount(el, {
      scales: { x: { time: true }, y: { range: function (u, lo, hi) { return [0, Math.min(1, Math.max(0.1, hi * 1.1))]; } } },
      series: series,
      axes: [{}, { size: 46, values: function (u, vals) { return vals.map(function (v) { return Math.round(v * 100) + "%"; }); } }]
    }, data);
  }

  function draw() {
    document.querySelectorAll("figure.chart[data-chart]").forEach(function (el) {
      var d = readJSON(el.getAttribute("data-chart"));
      if (!d) { return; }
      try {
        if (d.kind === "rating") { ratingChart(el, d); }
        else if (d.kind === "winprob") { winprobChart(el, d); }
      } catch (e) {
        el.textContent = "The chart could not be drawn.";
      }
    });
    document.querySelectorAll("figure.chart[data-chart-url]").forEach(function (el) {
      fetch(el.getAttribute("data-chart-url"), { headers: { "Accept": "application/json" } })
        .then(function (r) {
          return r.json().then(function (body) {
            if (!r.ok) { throw new Error(body.message || ("HTTP " + r.status)); }
            return body;
          });
        })
        .then(function (d) { timelineChart(el, d); })
        .catch(function (e) { el.textContent = "The chart could not be loaded: " + e.message; });
    });
    document.querySelectorAll("button[data-copy]").forEach(function (b) {
      b.addEventListener("click", function () {
        var input = document.getElementById(b.getAttribute("data-copy"));
        input.select();
        if (navigator.clipboard) {
          navigator.clipboard.writeText(input.value).then(function () { b.textContent = "Copied"; });
        }
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); }
  else { draw(); }
})();
