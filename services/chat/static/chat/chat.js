/* Live chat, citizen side: a WebSocket, or polling when the socket cannot connect.
   Protocol: services/chat/PROTOCOL.md. No library; text is never parsed as HTML. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-root]");
  if (!root) return;

  function json(id) { return JSON.parse(document.getElementById(id).textContent); }
  var config = json("chat-config");
  var state = json("chat-state");
  var texts = {};
  document.getElementById("chat-texts").content.querySelectorAll("[data-key]").forEach(function (el) {
    texts[el.getAttribute("data-key")] = el.textContent;
  });
  var persian = config.language === "fa";
  var el = function (name) { return root.querySelector("[data-chat-" + name + "]"); };
  var list = el("messages"), statusBox = el("status"), typingBox = el("typing"), errorBox = el("error");
  var compose = el("compose"), bodyInput = el("body"), fileInput = el("file");
  var closedBox = el("closed"), actions = el("actions"), rateForm = el("rate");
  var lastSeq = 0, shown = {}, socket = null, mode = "connecting", pollTimer = null;
  var typingTimer = null, lastTyping = 0, refCount = 0, readSent = 0;

  function digits(value) {
    var text = String(value);
    return persian ? text.replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }) : text;
  }
  function csrf() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function showError(message) {
    errorBox.textContent = message || "";
    errorBox.hidden = !message;
  }

  /* Text with clickable links: text nodes and <a rel="noopener nofollow">, never HTML. */
  function appendText(parent, text) {
    var pattern = /https?:\/\/[^\s<>"']+/g, last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = document.createElement("a");
      link.href = match[0];
      link.rel = "noopener nofollow";
      link.target = "_blank";
      link.dir = "ltr";
      link.textContent = match[0];
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function markText(message) {
    if (message.read) return texts.read;
    if (message.delivered) return texts.delivered;
    return texts.sent;
  }

  function render(message) {
    if (shown[message.seq]) return;
    var item = document.createElement("li");
    item.className = "chat-message chat-message--" + message.kind;
    item.setAttribute("data-seq", message.seq);
    var meta = document.createElement("p");
    meta.className = "chat-meta";
    var who = document.createElement("bdi");
    who.textContent = message.kind === "citizen" ? texts.you : (message.author || (message.kind === "official" ? texts.official : ""));
    if (who.textContent) {
      meta.appendChild(who);
      meta.appendChild(document.createTextNode(" · "));
    }
    meta.appendChild(document.createTextNode(message.time));
    item.appendChild(meta);
    var body = document.createElement("p");
    body.className = "chat-body";
    body.dir = "auto";
    appendText(body, message.body || "");
    item.appendChild(body);
    if (message.attachment) {
      var file = document.createElement("p");
      var link = document.createElement("a");
      link.href = config.urls.file.replace(/0\/$/, message.attachment.id + "/");
      link.textContent = message.attachment.name;
      file.appendChild(link);
      file.appendChild(document.createTextNode(" (" + message.attachment.size + ")"));
      item.appendChild(file);
    }
    if (message.kind === "citizen") {
      var mark = document.createElement("p");
      mark.className = "chat-mark";
      mark.setAttribute("data-mark", "");
      mark.textContent = markText(message);
      item.appendChild(mark);
    }
    /* Keep the order of numbers even if frames arrive out of order. */
    var after = null;
    list.querySelectorAll("[data-seq]").forEach(function (other) {
      if (!after && Number(other.getAttribute("data-seq")) > message.seq) after = other;
    });
    list.insertBefore(item, after);
    shown[message.seq] = message;
    if (message.seq > lastSeq) lastSeq = message.seq;
    item.scrollIntoView({ block: "end" });
  }

  function marks(kind, seq) {
    list.querySelectorAll(".chat-message--citizen").forEach(function (item) {
      if (Number(item.getAttribute("data-seq")) > seq) return;
      var message = shown[item.getAttribute("data-seq")];
      if (kind === "read") { message.read = true; message.delivered = true; }
      else message.delivered = true;
      item.querySelector("[data-mark]").textContent = markText(message);
    });
  }

  function sendRead() {
    var highest = 0;
    Object.keys(shown).forEach(function (seq) {
      if (shown[seq].kind !== "citizen" && Number(seq) > highest) highest = Number(seq);
    });
    if (highest <= readSent || document.hidden) return;
    readSent = highest;
    if (mode === "socket") socket.send(JSON.stringify({ type: "read", seq: highest }));
    else post(config.urls.read, { seq: String(highest) });
  }

  function applyState(next) {
    state = next;
    var line = "";
    if (next.state === "waiting" && next.queue) {
      var values = { position: digits(next.queue.position), minutes: digits(next.queue.wait_minutes) };
      line = fill(next.queue.officials_online ? texts.waiting : texts.waiting_nobody, values);
    } else if (next.state === "active") {
      line = fill(texts.active, { official: next.official });
    } else if (texts[next.state]) {
      line = texts[next.state];
    }
    statusBox.textContent = line;
    var closed = ["ended", "abandoned", "converted"].indexOf(next.state) !== -1;
    compose.hidden = closed;
    actions.hidden = closed;
    var convertBox = el("convert-box");
    if (convertBox) convertBox.hidden = next.state !== "waiting";
    closedBox.hidden = !closed;
    if (closed) {
      typingBox.hidden = true;
      el("code").textContent = digits(next.tracking_code || "");
      rateForm.hidden = !next.rateable;
      el("thanks").hidden = !next.rated;
    }
  }

  function frame(data) {
    switch (data.type) {
      case "state": applyState(data); break;
      case "queue": if (state.state === "waiting") { state.queue = data.queue; applyState(state); } break;
      case "messages": data.items.forEach(render); sendRead(); break;
      case "message": render(data.message); if (data.message.kind !== "citizen") typingBox.hidden = true; sendRead(); break;
      case "typing":
        typingBox.hidden = false;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typingBox.hidden = true; }, 4000);
        break;
      case "read": case "delivered": if (data.by === "official") marks(data.type, data.seq); break;
      case "error": showError(data.message); break;
    }
  }

  /* HTTP: the polling fallback, and files (which never travel in a frame). */
  function post(url, fields, form) {
    var body = form || new FormData();
    Object.keys(fields || {}).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error((data.error && data.error.message) || texts.failed);
        return data;
      });
    });
  }

  var pollRun = 0;
  function poll(run) {
    fetch(config.urls.poll + "?after=" + lastSeq, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.error) { showError(data.error.message); return; }
        applyState(data.state);
        data.messages.forEach(render);
        if (data.read_seq) marks("read", data.read_seq);
        if (data.delivered_seq) marks("delivered", data.delivered_seq);
        typingBox.hidden = !data.typing || state.state !== "active";
        sendRead();
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () {
        /* Back on the socket meanwhile: it carries everything from here on. */
        if (mode === "polling" && run === pollRun) pollTimer = setTimeout(function () { poll(run); }, config.poll_interval_ms);
      });
  }

  function startPolling() {
    if (mode === "polling") return;
    mode = "polling";
    root.setAttribute("data-chat-mode", "polling");
    var note = el("connection");
    note.textContent = texts.polling;
    note.hidden = false;
    poll(++pollRun);
  }

  /* While polling, the socket is tried again now and then (a proxy that came back, a
     network that changed), waiting longer after each failure. */
  var retryDelay = 0, retryTimer = null;
  function scheduleRetry() {
    if (retryTimer || !("WebSocket" in window)) return;
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : config.socket_retry_ms, config.socket_retry_max_ms);
    retryTimer = setTimeout(function () {
      retryTimer = null;
      if (mode === "polling") connect();
    }, retryDelay * (0.8 + Math.random() * 0.4));
  }
  function fallBack() {
    socket = null;
    startPolling();
    scheduleRetry();
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var opened = false, attempt;
    try {
      attempt = new WebSocket(scheme + location.host + config.socket_path);
    } catch (error) {
      fallBack();
      return;
    }
    var timer = setTimeout(function () {
      if (!opened) { try { attempt.close(); } catch (error) { /* closing anyway */ } fallBack(); }
    }, config.socket_timeout_ms);
    attempt.onopen = function () {
      opened = true;
      clearTimeout(timer);
      if (mode === "closed") { attempt.close(); return; }
      /* The socket takes over from polling: no poll after this one, and the hello asks
         for everything after the last message shown (render() ignores numbers seen). */
      socket = attempt;
      mode = "socket";
      retryDelay = 0;
      clearTimeout(pollTimer);
      pollRun++;
      root.setAttribute("data-chat-mode", "socket");
      el("connection").hidden = true;
      attempt.send(JSON.stringify({ type: "hello", last_seq: lastSeq }));
    };
    attempt.onmessage = function (event) { if (socket === attempt) frame(JSON.parse(event.data)); };
    attempt.onclose = function (event) {
      clearTimeout(timer);
      if (socket !== attempt && opened) return;
      if (event.code >= 4400 && event.code < 4500) { mode = "closed"; return; }
      fallBack();
    };
  }

  el("convert") && el("convert").addEventListener("click", function () {
    if (!window.confirm(texts.confirm_convert)) return;
    post(config.urls.convert, {}).then(function (data) { applyState(data.state); })
      .catch(function (error) { showError(error.message); });
  });

  compose.addEventListener("submit", function (event) {
    event.preventDefault();
    showError("");
    var text = bodyInput.value;
    var hasFile = fileInput && fileInput.files.length > 0;
    if (!text.trim() && !hasFile) return;
    if (text.length > config.max_length) { showError(texts.too_long); return; }
    if (mode === "socket" && !hasFile) {
      socket.send(JSON.stringify({ type: "message", body: text, ref: "c" + (++refCount) }));
      bodyInput.value = "";
      return;
    }
    post(config.urls.send, {}, new FormData(compose)).then(function (data) {
      render(data.message);
      bodyInput.value = "";
      if (fileInput) fileInput.value = "";
    }).catch(function (error) { showError(error.message); });
  });

  bodyInput.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTyping < 3000 || state.state !== "active") return;
    lastTyping = now;
    if (mode === "socket") socket.send(JSON.stringify({ type: "typing" }));
    else post(config.urls.typing, {}).catch(function () {});
  });
  bodyInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); compose.requestSubmit(); }
  });

  el("end").addEventListener("click", function () {
    if (!window.confirm(texts.confirm_end)) return;
    if (mode === "socket") socket.send(JSON.stringify({ type: "end" }));
    else post(config.urls.end, {}).then(function (data) { applyState(data.state); }).catch(function (error) { showError(error.message); });
  });

  rateForm.addEventListener("submit", function (event) {
    event.preventDefault();
    post(config.urls.rate, {}, new FormData(rateForm)).then(function (data) {
      applyState(data.state);
    }).catch(function (error) { showError(error.message); });
  });

  document.addEventListener("visibilitychange", sendRead);
  setInterval(function () {
    if (mode === "socket" && socket.readyState === 1) socket.send(JSON.stringify({ type: "ping" }));
  }, 20000);

  json("chat-initial").forEach(render);
  applyState(state);
  if ("WebSocket" in window) connect(); else startPolling();
})();
