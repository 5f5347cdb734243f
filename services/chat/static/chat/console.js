/* The officials' chat console (Wagtail admin). Speaks the staff protocol of
 * services/chat/PROTOCOL.md over the WebSocket /ws/chat/staff/; when the socket does not
 * open in time it sends the same frames over HTTP (the console's polling endpoints) and
 * polls for the rest. Text is always set with textContent: nothing a citizen wrote is
 * ever parsed as HTML. */
(function () {
  "use strict";
  const root = document.getElementById("chat-console");
  if (!root) return;
  const cfg = JSON.parse(document.getElementById("chat-console-config").textContent);
  const T = cfg.text;
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const $ = (selector, scope) => (scope || root).querySelector(selector);

  const me = { user: cfg.user, availability: "away", capacity: 0, load: 0 };
  const chats = new Map(); // id -> {frame, lastSeq, pane, tab, opened, typingTimer}
  const waiting = new Map(); // id -> chat frame
  const baseTitle = document.title;
  let transport = null;
  let lastActivity = Date.now();
  let firstWelcome = true;
  let refCounter = 0;
  const { bubble, beep, unlockAudio, localDigits, toLatinDigits } = window.ChatConsoleParts(T);

  // Transports ---------------------------------------------------------------

  function setStatus(kind) {
    const status = $("[data-status]");
    status.textContent = T[`status_${kind}`];
    status.dataset.status = kind;
  }

  function socketTransport() {
    let attempts = 0;
    let pingTimer = null;
    let ws = null;
    const api = { kind: "socket", send: (frame) => ws && ws.readyState === 1 && ws.send(JSON.stringify(frame)) };
    function open() {
      const scheme = location.protocol === "https:" ? "wss://" : "ws://";
      ws = new WebSocket(scheme + location.host + cfg.socketPath);
      let opened = false;
      const giveUp = setTimeout(() => {
        if (!opened) { ws.onclose = null; ws.close(); startPolling(); }
      }, cfg.socketTimeoutMs);
      ws.onopen = () => {
        opened = true;
        attempts = 0;
        clearTimeout(giveUp);
        transport = api;
        setStatus("live");
        api.send({ type: "hello" });
        for (const [id, chat] of chats) {
          if (chat.opened) api.send({ type: "open", chat: id, last_seq: chat.lastSeq });
        }
        pingTimer = setInterval(() => api.send({ type: "ping" }), cfg.pingMs);
      };
      ws.onmessage = (event) => {
        let frame;
        try { frame = JSON.parse(event.data); } catch (error) { return; }
        handle(frame);
      };
      ws.onclose = (event) => {
        clearTimeout(giveUp);
        clearInterval(pingTimer);
        if (!opened) { startPolling(); return; }
        if (event.code >= 4400 && event.code < 4500) { setStatus("closed"); return; }
        setStatus("reconnecting");
        attempts += 1;
        if (attempts > 3) { startPolling(); return; }
        setTimeout(open, 1000 * attempts);
      };
    }
    open();
    return api;
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  function startPolling() {
    if (transport && transport.kind === "poll") return;
    setStatus("polling");
    const api = {
      kind: "poll",
      send: (frame) => post(cfg.frameUrl, frame).then((data) => (data.frames || []).forEach(handle)).catch(() => setStatus("offline")),
    };
    transport = api;
    async function poll() {
      const opened = [...chats].filter(([, chat]) => chat.opened).map(([id, chat]) => `${id}:${chat.lastSeq}`);
      const url = cfg.pollUrl + (opened.length ? `?open=${opened.join(",")}` : "");
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        const data = await response.json();
        (data.frames || []).forEach(handle);
        setStatus("polling");
      } catch (error) {
        setStatus("offline");
      }
      setTimeout(poll, cfg.pollIntervalMs);
    }
    poll();
  }

  function send(frame) {
    if (transport) transport.send(frame);
  }

  // Frames from the server ----------------------------------------------------

  const handlers = {
    welcome(frame) {
      Object.assign(me, { availability: frame.availability, capacity: frame.capacity, load: frame.load });
      showPresence();
      const seen = new Set(waiting.keys());
      waiting.clear();
      for (const chat of frame.waiting || []) {
        waiting.set(chat.chat, chat);
        if (!firstWelcome && !seen.has(chat.chat)) announce(chat);
      }
      firstWelcome = false;
      renderWaiting();
      for (const chat of frame.active || []) openChat(chat);
    },
    state(frame) {
      if (frame.state === "waiting" && !frame.official_id && cfg.units.includes(frame.unit)) {
        waiting.set(frame.chat, frame);
      } else {
        waiting.delete(frame.chat);
      }
      renderWaiting();
      const chat = chats.get(frame.chat);
      if (chat) updateChat(chat, frame);
      else if (frame.state === "active" && frame.official_id === me.user) openChat(frame);
    },
    waiting(frame) {
      const isNew = !waiting.has(frame.chat);
      waiting.set(frame.chat, frame);
      renderWaiting();
      if (isNew) announce(frame);
    },
    gone(frame) { waiting.delete(frame.chat); renderWaiting(); },
    messages(frame) {
      const chat = chats.get(frame.chat);
      if (chat) frame.items.forEach((item) => addMessage(chat, item));
    },
    message(frame) {
      const chat = chats.get(frame.chat);
      if (chat) addMessage(chat, frame.message);
    },
    ack(frame) {
      const pending = root.querySelector(`[data-ref="${CSS.escape(frame.ref || "")}"]`);
      if (pending) pending.remove();
    },
    typing(frame) {
      const chat = chats.get(frame.chat);
      if (!chat || frame.by !== "citizen") return;
      const hint = $("[data-typing]", chat.pane);
      hint.hidden = false;
      clearTimeout(chat.typingTimer);
      chat.typingTimer = setTimeout(() => { hint.hidden = true; }, 4000);
    },
    delivered(frame) { markOwn(frame, "delivered"); },
    read(frame) { markOwn(frame, "read"); },
    presence(frame) {
      if (frame.user !== me.user) return;
      Object.assign(me, { availability: frame.availability, capacity: frame.capacity, load: frame.load });
      showPresence();
    },
    pong() {},
    error(frame) {
      const chat = frame.chat && chats.get(frame.chat);
      const pending = frame.ref && root.querySelector(`[data-ref="${CSS.escape(frame.ref)}"]`);
      if (pending) { pending.classList.add("chat-console__msg--failed"); pending.removeAttribute("data-ref"); }
      notice(frame.message, chat ? chat.pane : null);
      if (frame.fatal) setStatus("closed");
    },
  };

  function handle(frame) {
    const handler = frame && handlers[frame.type];
    if (handler) handler(frame);
  }

  // Presence, capacity, idle ---------------------------------------------------

  function showPresence() {
    const toggle = $("[data-availability]");
    const available = me.availability === "available";
    toggle.setAttribute("aria-pressed", String(available));
    toggle.textContent = available ? T.available : T.away;
    toggle.classList.toggle("chat-console__presence--on", available);
    const capacity = $("[data-capacity]");
    if (document.activeElement !== capacity && me.capacity) capacity.value = me.capacity;
    $("[data-load]").textContent = localDigits(T.load.replace("%(load)s", me.load).replace("%(capacity)s", me.capacity));
  }

  $("[data-availability]").addEventListener("click", () => {
    unlockAudio();
    send({ type: "presence", availability: me.availability === "available" ? "away" : "available" });
  });
  $("[data-capacity]").addEventListener("change", (event) => {
    const value = parseInt(toLatinDigits(event.target.value), 10);
    if (value >= 1 && value <= 20) send({ type: "capacity", capacity: value });
    else { event.target.value = me.capacity; notice(T.capacity_range); }
  });

  ["mousemove", "keydown", "click", "focus", "touchstart"].forEach((name) =>
    window.addEventListener(name, () => { lastActivity = Date.now(); }, { passive: true }));
  setInterval(() => {
    if (me.availability === "available" && Date.now() - lastActivity > cfg.idleMinutes * 60000) {
      send({ type: "presence", availability: "away" });
      notice(T.idle_away);
    }
  }, 15000);

  // Announcing a new waiting chat: notification, sound, tab title ------------

  function announce(chat) {
    beep();
    if ("Notification" in window && Notification.permission === "granted") {
      const note = new Notification(T.new_chat, { body: `${chat.name} — ${chat.unit_title}`, tag: `chat-${chat.chat}` });
      note.onclick = () => { window.focus(); note.close(); };
    }
    root.dispatchEvent(new CustomEvent("chat:announced", { detail: chat }));
  }

  function updateTitle() {
    const count = waiting.size;
    document.title = count ? `(${count}) ${T.title_waiting} — ${baseTitle}` : baseTitle;
  }

  const notifyButton = $("[data-notify]");
  if ("Notification" in window && Notification.permission === "default") {
    notifyButton.hidden = false;
    notifyButton.addEventListener("click", () => {
      unlockAudio();
      Notification.requestPermission().then(() => { notifyButton.hidden = true; });
    });
  }

  // The waiting list ------------------------------------------------------------

  function renderWaiting() {
    const list = $("[data-waiting]");
    list.replaceChildren();
    const items = [...waiting.values()].sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
    for (const chat of items) {
      const item = document.createElement("li");
      item.className = "chat-console__waiting-item";
      const who = document.createElement("bdi");
      who.textContent = chat.name;
      const unit = document.createElement("span");
      unit.className = "chat-console__meta";
      unit.textContent = chat.unit_title;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small";
      button.textContent = T.accept;
      button.addEventListener("click", () => { unlockAudio(); send({ type: "accept", chat: chat.chat }); });
      item.append(who, " ", unit, " ", button);
      list.append(item);
    }
    $("[data-waiting-empty]").hidden = items.length > 0;
    updateTitle();
  }

  // Conversations -----------------------------------------------------------

  function openChat(frame) {
    let chat = chats.get(frame.chat);
    if (!chat) {
      const pane = $("#chat-console-pane").content.firstElementChild.cloneNode(true);
      const tab = document.createElement("button");
      tab.type = "button";
      tab.className = "chat-console__tab";
      tab.setAttribute("role", "tab");
      chat = { frame, lastSeq: 0, pane, tab, opened: true, typingTimer: null };
      chats.set(frame.chat, chat);
      tab.addEventListener("click", () => showChat(frame.chat));
      $("[data-tabs]").append(tab);
      $("[data-panes]").append(pane);
      wirePane(chat);
      showChat(frame.chat);
    }
    updateChat(chat, frame);
    if (!chat.joined) {
      // Joins the chat's group (socket) and fetches its messages; once per tab.
      chat.joined = true;
      send({ type: "open", chat: frame.chat, last_seq: chat.lastSeq });
    }
  }

  function showChat(id) {
    for (const [key, chat] of chats) {
      const shown = key === id;
      chat.pane.hidden = !shown;
      chat.tab.setAttribute("aria-selected", String(shown));
      if (shown) readUpTo(chat);
    }
  }

  function updateChat(chat, frame) {
    chat.frame = Object.assign({}, chat.frame, frame);
    const f = chat.frame;
    chat.tab.textContent = `${f.name} · ${f.state_label}`;
    $("[data-name]", chat.pane).textContent = f.name;
    $("[data-unit]", chat.pane).textContent = f.unit_title;
    $("[data-state]", chat.pane).textContent = f.state_label;
    const mine = f.state === "active" && f.official_id === me.user;
    $("[data-composer]", chat.pane).classList.toggle("chat-console__composer--notes-only", !mine);
    $("[data-kind=message]", chat.pane).disabled = !mine;
    if (!mine) $("[data-kind=note]", chat.pane).checked = true;
    const closed = ["ended", "abandoned", "converted"].includes(f.state);
    // One's own live chat stays open: it is ended, transferred or converted instead.
    $("[data-dismiss]", chat.pane).hidden = mine;
    const convertible = (mine || (f.state === "ended" && f.official_id === me.user)) && !f.converted_code;
    $("[data-actions]", chat.pane).hidden = !(mine || convertible);
    $("[data-transfer]", chat.pane).hidden = !mine;
    $("[data-end]", chat.pane).hidden = !mine;
    $("[data-convert]", chat.pane).hidden = !convertible;
    const outcome = $("[data-outcome]", chat.pane);
    outcome.hidden = !closed;
    if (closed) {
      outcome.textContent = f.converted_code ? T.converted.replace("%(code)s", f.converted_code)
        : T.closed.replace("%(code)s", f.tracking_code || "");
    }
    const replies = $("[data-canned]", chat.pane);
    if (!replies.dataset.unit || Number(replies.dataset.unit) !== f.unit) fillCanned(replies, f.unit);
    fillTransfer($("[data-transfer-to]", chat.pane), f.unit);
  }

  function fillCanned(select, unit) {
    select.dataset.unit = unit;
    select.length = 1;
    for (const reply of cfg.canned[unit] || []) select.add(new Option(reply.title, reply.body));
    select.hidden = select.length === 1;
  }

  function fillTransfer(select, unit) {
    select.replaceChildren(new Option(T.transfer_choose, ""));
    const units = document.createElement("optgroup");
    units.label = T.transfer_units;
    cfg.transferUnits.filter((u) => u.id !== unit).forEach((u) => units.append(new Option(u.title, `unit:${u.id}`)));
    const people = document.createElement("optgroup");
    people.label = T.transfer_colleagues;
    cfg.colleagues.filter((c) => c.units.includes(unit) && c.id !== me.user).forEach((c) => people.append(new Option(c.name, `user:${c.id}`)));
    select.append(units, people);
  }

  function wirePane(chat) {
    const id = chat.frame.chat;
    const form = $("[data-composer]", chat.pane);
    const text = $("textarea", form);
    let lastTyping = 0;
    text.addEventListener("input", () => {
      if ($("[data-kind=message]", chat.pane).checked && Date.now() - lastTyping > 3000) {
        lastTyping = Date.now();
        send({ type: "typing", chat: id });
      }
    });
    text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = text.value.trim();
      if (!body) return;
      const kind = $("[data-kind=note]", chat.pane).checked ? "note" : "message";
      const ref = `o${++refCounter}`;
      const pending = bubble({ kind: kind === "note" ? "note" : "official", body, time: "…", author: "" });
      pending.dataset.ref = ref;
      pending.classList.add("chat-console__msg--pending");
      $("[data-log]", chat.pane).append(pending);
      send({ type: kind, chat: id, body, ref });
      text.value = "";
    });
    $("[data-canned]", chat.pane).addEventListener("change", (event) => {
      if (event.target.value) text.value = text.value ? `${text.value}\n${event.target.value}` : event.target.value;
      event.target.selectedIndex = 0;
      text.focus();
    });
    $("[data-transfer]", chat.pane).addEventListener("submit", (event) => {
      event.preventDefault();
      const [kind, target] = $("[data-transfer-to]", chat.pane).value.split(":");
      if (!target) { notice(T.transfer_choose, chat.pane); return; }
      const reason = $("[data-transfer-reason]", chat.pane).value;
      send({ type: "transfer", chat: id, [kind]: Number(target), reason });
    });
    $("[data-end]", chat.pane).addEventListener("click", () => {
      if (window.confirm(T.confirm_end)) send({ type: "end", chat: id });
    });
    $("[data-convert]", chat.pane).addEventListener("click", () => {
      if (window.confirm(T.confirm_convert)) send({ type: "convert", chat: id });
    });
    $("[data-dismiss]", chat.pane).addEventListener("click", () => {
      send({ type: "close", chat: id });
      chat.tab.remove();
      chat.pane.remove();
      chats.delete(id);
      const next = chats.keys().next();
      if (!next.done) showChat(next.value);
    });
  }

  function addMessage(chat, message) {
    if (message.seq <= chat.lastSeq) return;
    chat.lastSeq = message.seq;
    const item = bubble(message);
    item.dataset.seq = message.seq;
    item.dataset.kind = message.kind;
    if (message.read) item.classList.add("chat-console__msg--read");
    const log = $("[data-log]", chat.pane);
    const pending = log.querySelector(".chat-console__msg--pending");
    log.insertBefore(item, pending);
    log.scrollTop = log.scrollHeight;
    if (message.kind === "citizen") {
      $("[data-typing]", chat.pane).hidden = true;
      if (!chat.pane.hidden && document.visibilityState === "visible") readUpTo(chat);
      else chat.tab.classList.add("chat-console__tab--unread");
    }
  }

  function readUpTo(chat) {
    chat.tab.classList.remove("chat-console__tab--unread");
    const last = [...chat.pane.querySelectorAll("[data-kind=citizen]")].pop();
    if (last && chat.frame.state === "active" && chat.frame.official_id === me.user) {
      send({ type: "read", chat: chat.frame.chat, seq: Number(last.dataset.seq) });
    }
  }

  function markOwn(frame, mark) {
    const chat = chats.get(frame.chat);
    if (!chat || frame.by !== "citizen") return;
    chat.pane.querySelectorAll("[data-kind=official]").forEach((item) => {
      if (Number(item.dataset.seq) <= frame.seq) item.classList.add(`chat-console__msg--${mark}`);
    });
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    for (const chat of chats.values()) if (!chat.pane.hidden) readUpTo(chat);
  });

  function notice(message, pane) {
    const box = pane ? $("[data-notice]", pane) : $("[data-notice]");
    box.textContent = message;
    box.hidden = false;
    clearTimeout(box.hideTimer);
    box.hideTimer = setTimeout(() => { box.hidden = true; }, 8000);
  }

  transport = socketTransport();
})();
