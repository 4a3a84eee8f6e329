// The participant's page: join, follow the projected practice live, vote, see the reveal.
// Everything shown is set with textContent: nothing from the network becomes markup.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const match = location.pathname.match(/^\/r\/([A-Za-z0-9_-]+)$/);
  const token = match ? match[1] : null;
  const key = token ? "gapradar-participant-" + token : null;
  let participant = key ? sessionStorage.getItem(key) : null;
  let state = null;
  let socket = null;
  let retry = 500;

  function show(id) {
    for (const s of ["code", "join", "room"]) $(s).hidden = s !== id;
  }

  async function post(url, body) {
    const r = await fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      credentials: "omit", cache: "no-store",
    });
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    if (!r.ok) throw new Error(data.error || ("The laptop refused (" + r.status + ")."));
    return data;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render() {
    if (!state) return;
    const q = state.question;
    const phase = $("phase");
    phase.className = "phase " + state.phase;
    phase.textContent = { voting: "Voting", revealed: "Votes revealed", waiting: "Waiting" }[state.phase] || "";
    $("practice").textContent = q ? q.practice : "Waiting for the facilitator";
    $("description").textContent = q ? q.description : "The practice appears here when voting starts.";
    $("ask").textContent = q ? (q.which === "target" ? "Where should we be? (target)" : "Where are we now? (current)") : "";
    const levels = $("levels");
    levels.replaceChildren();
    if (q) {
      const open = state.phase === "voting";
      for (const lv of q.levels) {
        const b = el("button");
        b.type = "button";
        b.appendChild(el("span", "name", lv.score + " – " + lv.name));
        if (lv.description) b.appendChild(el("span", "more", lv.description));
        if (state.yourVote === lv.score) b.classList.add("chosen");
        b.disabled = !open;
        b.setAttribute("aria-pressed", state.yourVote === lv.score ? "true" : "false");
        b.addEventListener("click", () => vote(lv.score));
        levels.appendChild(b);
      }
      const u = el("button", "unsure", "Not sure");
      u.type = "button";
      if (state.yourVote === "unsure") u.classList.add("chosen");
      u.disabled = !open;
      u.addEventListener("click", () => vote("unsure"));
      levels.appendChild(u);
    }
    const tally = $("tally");
    tally.replaceChildren();
    tally.hidden = !(state.phase === "revealed" && state.tally && q);
    if (!tally.hidden) {
      const most = Math.max(1, ...state.tally.counts.map((c) => c[1]), state.tally.unsure);
      const names = new Map(q.levels.map((l) => [l.score, l.score + " – " + l.name]));
      const rows = state.tally.counts.map((c) => [names.get(c[0]) || String(c[0]), c[1]]);
      if (state.tally.unsure) rows.push(["Not sure", state.tally.unsure]);
      const t = state.tally;
      const head = t.total + (t.total === 1 ? " vote" : " votes") + (t.median === null ? "" : ", median " + t.median);
      tally.appendChild(el("p", "head", head));
      for (const [label, n] of rows) {
        const row = el("div", "row");
        row.appendChild(el("span", "label", label));
        const bar = el("span", "bar");
        bar.style.width = Math.round((n / most) * 45) + "%";
        row.appendChild(bar);
        row.appendChild(el("span", "n", String(n)));
        tally.appendChild(row);
      }
    }
    let status = state.voted + " voted";
    if (state.phase === "voting" && state.yourVote !== undefined) status += " · you can change your vote until the reveal";
    $("status").textContent = status;
  }

  async function vote(level) {
    if (!state) return;
    try {
      state = await post("/r/" + token + "/vote", { participant, seq: state.seq, level });
      $("status").classList.remove("error");
      render();
    } catch (e) {
      $("status").textContent = e.message;
      $("status").classList.add("error");
    }
  }

  function listen() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/r/" + token + "/ws?participant=" + encodeURIComponent(participant));
    socket.addEventListener("message", (m) => {
      retry = 500;
      try { state = JSON.parse(m.data); } catch (e) { return; }
      $("status").classList.remove("error");
      render();
    });
    socket.addEventListener("close", () => {
      $("phase").className = "phase closed";
      $("phase").textContent = "Reconnecting…";
      setTimeout(listen, retry);
      retry = Math.min(retry * 2, 8000);
    });
  }

  async function join(name) {
    const data = await post("/r/" + token + "/join", { name });
    participant = data.participant;
    sessionStorage.setItem(key, participant);
    state = data;
    show("room");
    render();
    listen();
  }

  if (!token) {
    show("code");
    $("code-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const data = await post("/code", { code: $("code-input").value });
        location.replace("/r/" + data.token);
      } catch (e) {
        $("code-error").textContent = e.message;
      }
    });
  } else if (participant) {
    show("room");
    listen();
  } else {
    show("join");
    $("join-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try { await join($("name-input").value); } catch (e) { $("join-error").textContent = e.message; }
    });
  }
})();
