/*
 * The page: chat (streamed, cited answers), draft panel, feedback and document list.
 * Plain browser JavaScript talking to the same /v1 API any client uses; no build step.
 */
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const KEY_STORAGE = "strategy-assistant.api-key";
  const MAX_HISTORY = 6;
  let history = [];
  let lastDraft = null;
  let opener = null;

  // --- API -------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, code, message, suggestions) {
      super(message);
      this.status = status;
      this.code = code;
      this.suggestions = suggestions || [];
    }
  }

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    const key = localStorage.getItem(KEY_STORAGE);
    if (key) h.Authorization = "Bearer " + key;
    return h;
  }

  async function failure(response) {
    let code = "error";
    let message = "The server answered " + response.status + ".";
    let suggestions = [];
    try {
      const body = await response.json();
      if (body && body.error) {
        code = body.error.code;
        message = body.error.message;
        suggestions = body.error.suggestions || [];
      }
    } catch (_) {
      /* not JSON: keep the generic message */
    }
    if (response.status === 401) askForKey(message);
    return new ApiError(response.status, code, message, suggestions);
  }

  async function api(path, options) {
    options = options || {};
    const init = { method: options.method || "GET", headers: headers(options.headers) };
    if (options.json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      init.body = options.body;
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (err) {
      throw new ApiError(0, "network", "Could not reach the server: " + err.message);
    }
    if (!response.ok) throw await failure(response);
    return response.json();
  }

  function askForKey(message) {
    const panel = $("key-panel");
    panel.open = true;
    $("key-status").textContent = message + " Enter an API key and save it.";
    $("api-key").focus();
  }

  // --- citations dialog ------------------------------------------------------------------
  function showSnippet(title, source, section, text) {
    const dialog = $("snippet-dialog");
    opener = document.activeElement;
    $("snippet-title").textContent = title;
    $("snippet-source").textContent = source;
    $("snippet-section").textContent = section;
    $("snippet-section").hidden = !section;
    $("snippet-text").textContent = text;
    dialog.showModal();
    $("snippet-close").focus();
  }

  function citationButton(label, describe, onOpen) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cite";
    button.textContent = "[" + label + "]";
    button.setAttribute("aria-label", describe);
    button.addEventListener("click", onOpen);
    return button;
  }

  function lines(c) {
    if (c.line_start && c.line_end && c.line_end !== c.line_start) {
      return "lines " + c.line_start + "–" + c.line_end;
    }
    return c.line_start ? "line " + c.line_start : c.page ? "page " + c.page : "";
  }

  function openCitation(c) {
    const where = [c.source, lines(c)].filter(Boolean).join(", ");
    showSnippet("[" + c.id + "] " + c.title, where, c.section ? "Section: " + c.section : "",
      c.snippet);
  }

  // --- chat ------------------------------------------------------------------------------
  function addMessage(role, text) {
    const empty = $("chat-empty");
    if (empty) empty.remove();
    const li = document.createElement("li");
    li.className = "message " + role;
    const who = document.createElement("p");
    who.className = "who";
    who.textContent = role === "user" ? "You" : "Assistant";
    li.append(who);
    if (text) {
      const p = document.createElement("p");
      p.textContent = text;
      li.append(p);
    }
    $("messages").append(li);
    li.scrollIntoView({ block: "nearest" });
    return li;
  }

  function renderAnswer(li, answer) {
    li.removeAttribute("aria-busy");
    li.querySelectorAll(".streaming, .md, .sources, .feedback, .notice").forEach((n) =>
      n.remove());
    li.classList.toggle("abstained", answer.abstained);
    li.dataset.answerId = answer.id;
    const byId = new Map(answer.citations.map((c) => [String(c.id), c]));
    const body = document.createElement("div");
    body.className = "md";
    body.append(window.AssistantMarkdown.render(answer.answer, {
      // the server turns every link outside ASSISTANT_LINK_ALLOWED_DOMAINS into text before
      // the answer leaves it (assistant.answering.guard.rewrite_links), so a link still in an
      // answer is allow-listed; drafts are not rewritten, so they get no linkAllowed: no anchors
      linkAllowed: () => true,
      cite: (label) => {
        const c = byId.get(label);
        if (!c) return null;
        return citationButton(label, "Citation " + label + ": " + c.title +
          (c.section ? ", " + c.section : ""), () => openCitation(c));
      },
    }));
    li.append(body);
    if (answer.notice) {
      const notice = document.createElement("p");
      notice.className = "notice";
      notice.textContent = answer.notice;
      li.append(notice);
    }
    if (answer.citations.length) {
      const sources = document.createElement("ol");
      sources.className = "sources";
      sources.setAttribute("aria-label", "Sources");
      answer.citations.forEach((c) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "source-link";
        button.textContent = "[" + c.id + "] " + c.title + (c.section ? " › " + c.section : "");
        button.addEventListener("click", () => openCitation(c));
        const where = document.createElement("span");
        where.className = "hint";
        where.textContent = " " + c.source;
        item.append(button, where);
        sources.append(item);
      });
      li.append(sources);
    }
    li.append(feedbackRow(answer.id));
  }

  function feedbackRow(answerId) {
    const row = document.createElement("div");
    row.className = "feedback";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Was this answer helpful?");
    const label = document.createElement("span");
    label.className = "hint";
    label.textContent = "Helpful?";
    const status = document.createElement("span");
    status.className = "hint feedback-status";
    status.setAttribute("role", "status");
    const buttons = [["up", "Yes", "Yes, helpful"], ["down", "No", "No, not helpful"]].map(
      ([rating, icon, name]) => {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "thumb";
        b.dataset.rating = rating;
        b.textContent = icon;
        b.setAttribute("aria-label", name);
        b.setAttribute("aria-pressed", "false");
        b.addEventListener("click", async () => {
          try {
            await api("/v1/feedback", {
              method: "POST", json: { answer_id: answerId, rating: rating },
            });
            buttons.forEach((other) => other.setAttribute("aria-pressed", String(other === b)));
            status.textContent = "Thanks, feedback saved.";
          } catch (err) {
            status.textContent = err.message;
          }
        });
        return b;
      });
    row.append(label, ...buttons, status);
    return row;
  }

  function parseEvents(buffer, onEvent) {
    const blocks = buffer.split("\n\n");
    const rest = blocks.pop();
    for (const block of blocks) {
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) onEvent(event, JSON.parse(data.join("\n")));
    }
    return rest;
  }

  async function ask(question) {
    addMessage("user", question);
    const li = addMessage("assistant", "");
    li.setAttribute("aria-busy", "true");
    const streaming = document.createElement("p");
    streaming.className = "streaming";
    streaming.textContent = "Looking through the documents…";
    li.append(streaming);
    let final = null;
    let started = false;
    try {
      const response = await fetch("/v1/ask?stream=true", {
        method: "POST",
        headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
        body: JSON.stringify({ question: question, history: history }),
      });
      if (!response.ok) throw await failure(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parseEvents(buffer + value, (event, data) => {
          if (event === "delta") {
            if (!started) streaming.textContent = "";
            started = true;
            streaming.textContent += data.text;
          } else if (event === "answer") {
            final = data;
          } else if (event === "error") {
            throw new ApiError(500, data.error.code, data.error.message);
          }
        });
      }
      if (!final) throw new ApiError(0, "incomplete", "The answer stopped before it finished.");
      renderAnswer(li, final);
      history.push({ role: "user", content: question },
        { role: "assistant", content: final.answer });
      history = history.slice(-MAX_HISTORY);
    } catch (err) {
      li.removeAttribute("aria-busy");
      li.classList.add("error");
      streaming.textContent = err.message;
    }
  }

  // --- drafts ----------------------------------------------------------------------------
  function fill(select, values, anyLabel) {
    const current = select.value;
    select.replaceChildren(new Option(anyLabel, ""));
    values.forEach((v) => select.append(new Option(v, v)));
    if (values.includes(current)) select.value = current;
  }

  async function loadPickers() {
    try {
      const data = await api("/v1/actions");
      fill($("draft-aim"), data.facets.aims, "Any aim");
      fill($("draft-owner"), data.facets.owners, "Any owner");
      fill($("draft-status"), data.facets.statuses, "Any status");
      $("draft-form").dataset.loaded = "true";
    } catch (err) {
      $("draft-status-line").textContent = "Pickers unavailable: " + err.message;
    }
  }

  function recordCitation(result, label) {
    const matches = result.records.filter((r) => r.citation === "[" + label + "]");
    if (!matches.length) return null;
    const r = matches[0];
    return citationButton(label, "Action-log " + label + ": " + r.action_short, () =>
      showSnippet("[" + label + "] " + r.action_short,
        r.source + ", row " + r.row + (r.row_end && r.row_end !== r.row ? "–" + r.row_end : ""),
        r.aim ? "Aim: " + r.aim : "",
        "Action: " + r.action + "\nOwner: " + (r.owner || "not recorded") + "\nStatus: " +
          (r.status || "not recorded") + "\nClass: " + r.status_class +
          (r.evidence ? " (“" + r.evidence + "”)" : "")));
  }

  async function draft(event) {
    event.preventDefault();
    const line = $("draft-status-line");
    const output = $("draft-output");
    const body = {
      aim: $("draft-aim").value || null,
      owner: $("draft-owner").value || null,
      status: $("draft-status").value || null,
      format: "markdown",
    };
    line.textContent = "Drafting…";
    $("draft-button").disabled = true;
    try {
      const result = await api("/v1/drafts", { method: "POST", json: body });
      lastDraft = result;
      output.replaceChildren(window.AssistantMarkdown.render(result.markdown, {
        headingBase: 3, cite: (label) => recordCitation(result, label),
      }));
      line.textContent = "Drafted: " + result.title + ".";
      $("draft-copy").hidden = false;
    } catch (err) {
      output.replaceChildren();
      line.textContent = err.message;
      $("draft-copy").hidden = true;
    } finally {
      $("draft-button").disabled = false;
    }
  }

  async function copyDraft() {
    if (!lastDraft) return;
    try {
      await navigator.clipboard.writeText(lastDraft.markdown);
      $("draft-status-line").textContent = "Markdown copied.";
    } catch (_) {
      $("draft-status-line").textContent = "Copying is not allowed here; select the text.";
    }
  }

  // --- documents and uploads -------------------------------------------------------------
  async function loadDocuments() {
    const list = $("documents");
    try {
      const data = await api("/v1/documents");
      list.replaceChildren();
      if (!data.documents.length) {
        const li = document.createElement("li");
        li.className = "hint";
        li.textContent = "Nothing is indexed yet.";
        list.append(li);
      }
      data.documents.forEach((d) => {
        const li = document.createElement("li");
        const title = document.createElement("strong");
        title.textContent = d.title;
        const meta = document.createElement("span");
        meta.className = "hint";
        meta.textContent = d.source + " · " + d.kind + " · " + d.chunks + " chunks" +
          (d.records ? " · " + d.records + " actions" : "");
        li.append(title, document.createElement("br"), meta);
        list.append(li);
      });
    } catch (err) {
      list.replaceChildren();
      const li = document.createElement("li");
      li.className = "hint";
      li.textContent = err.message;
      list.append(li);
    }
  }

  async function upload(event) {
    event.preventDefault();
    const status = $("upload-status");
    const form = new FormData($("upload-form"));
    status.textContent = "Uploading…";
    try {
      let job = await api("/v1/ingest", { method: "POST", body: form });
      while (job.state === "queued" || job.state === "running") {
        status.textContent = "Indexing… " + job.processed + "/" + (job.total ?? "?");
        await new Promise((resolve) => setTimeout(resolve, 500));
        job = await api("/v1/ingest/" + job.id);
      }
      const failed = (job.report && job.report.failed) || [];
      status.textContent = job.state === "done" && !failed.length
        ? "Indexed " + job.files.join(", ") + "."
        : "Not indexed: " + (job.error || failed.map((f) => f.source + ": " + f.reason).join("; "));
      loadDocuments();
      loadPickers();
    } catch (err) {
      status.textContent = err.message;
    }
  }

  // --- wiring ----------------------------------------------------------------------------
  function init() {
    const saved = localStorage.getItem(KEY_STORAGE);
    if (saved) $("api-key").value = saved;
    $("key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const key = $("api-key").value.trim();
      if (key) localStorage.setItem(KEY_STORAGE, key);
      else localStorage.removeItem(KEY_STORAGE);
      $("key-status").textContent = key ? "Key saved in this browser." : "Key removed.";
      loadPickers();
      loadDocuments();
    });
    $("ask-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const box = $("question");
      const question = box.value.trim();
      if (!question) return;
      box.value = "";
      $("ask-button").disabled = true;
      ask(question).finally(() => {
        $("ask-button").disabled = false;
        box.focus();
      });
    });
    $("question").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $("ask-form").requestSubmit();
      }
    });
    $("new-chat").addEventListener("click", () => {
      history = [];
      $("messages").replaceChildren();
      $("question").focus();
    });
    document.querySelector(".skip").addEventListener("click", (event) => {
      event.preventDefault(); // focus the box itself, not just scroll to it
      $("question").focus();
    });
    $("draft-form").addEventListener("submit", draft);
    $("draft-copy").addEventListener("click", copyDraft);
    $("upload-form").addEventListener("submit", upload);
    $("snippet-dialog").addEventListener("close", () => {
      if (opener && document.contains(opener)) opener.focus();
    });
    loadPickers();
    loadDocuments();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
