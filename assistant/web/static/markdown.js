/*
 * A small Markdown renderer for answers and drafts, built on DOM nodes (never innerHTML), so
 * text from documents cannot inject markup. It covers what the assistant writes: headings,
 * paragraphs with hard breaks, lists, block quotes, rules, code, bold, italics, links, and
 * citation markers ([1], [row 12]) that the caller turns into buttons.
 *
 * A link becomes an anchor only when options.linkAllowed(url) says so; otherwise it is text
 * naming its domain, "label (link to example.org)", as the server writes it. Bare URLs are
 * never made clickable.
 */
(function () {
  "use strict";

  const INLINE = new RegExp(
    [
      "`([^`]+)`", // 1 code
      "\\*\\*(.+?)\\*\\*", // 2 bold
      "\\[([^\\]]+)\\]\\((https?://[^\\s)]+)\\)", // 3,4 link
      "\\[(\\d+|row \\d+(?:, [^\\]]+)?)\\]", // 5 citation
      "(?<![\\w])_([^_]+?)_(?![\\w])", // 6 italic
      "(?<![\\w*])\\*([^*\\s][^*]*?)\\*(?![\\w*])", // 7 italic
    ].join("|"),
    "g",
  );

  /** An http(s) URL with a host and no user name before it ("https://a.org@b.org"), or null. */
  function webUrl(href) {
    let url;
    try {
      url = new URL(href);
    } catch (_) {
      return null;
    }
    if (!/^https?:$/.test(url.protocol) || !url.hostname || url.username || url.password) {
      return null;
    }
    return url;
  }

  function inline(text, parent, options) {
    const pattern = new RegExp(INLINE.source, "g"); // own state: inline() recurses
    let last = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m.index > last) parent.append(text.slice(last, m.index));
      last = pattern.lastIndex;
      if (m[1] !== undefined) {
        const code = document.createElement("code");
        code.textContent = m[1];
        parent.append(code);
      } else if (m[2] !== undefined) {
        const strong = document.createElement("strong");
        inline(m[2], strong, options);
        parent.append(strong);
      } else if (m[3] !== undefined) {
        const url = webUrl(m[4]);
        if (url && options.linkAllowed && options.linkAllowed(url)) {
          const a = document.createElement("a");
          a.href = url.href;
          a.title = url.href;
          a.rel = "noopener noreferrer nofollow";
          a.referrerPolicy = "no-referrer";
          a.target = "_blank";
          inline(m[3], a, options);
          parent.append(a);
        } else {
          inline(m[3], parent, options);
          parent.append(url ? " (link to " + url.hostname.replace(/^www\./, "") + ")"
            : " (link removed)");
        }
      } else if (m[5] !== undefined) {
        const node = options.cite ? options.cite(m[5]) : null;
        parent.append(node || m[0]);
      } else {
        const em = document.createElement("em");
        inline(m[6] !== undefined ? m[6] : m[7], em, options);
        parent.append(em);
      }
    }
    if (last < text.length) parent.append(text.slice(last));
  }

  function paragraph(lines, tag, options) {
    const el = document.createElement(tag);
    lines.forEach((line, i) => {
      inline(line.trim(), el, options);
      if (i < lines.length - 1) {
        if (/ {2,}$/.test(line) || /\\$/.test(line)) el.append(document.createElement("br"));
        else el.append(" ");
      }
    });
    return el;
  }

  const BULLET = /^\s*[-*+]\s+(.*)$/;
  const NUMBER = /^\s*\d+[.)]\s+(.*)$/;
  const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
  const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

  /**
   * Render Markdown text into a DocumentFragment. options.cite(label) -> Node | null;
   * options.linkAllowed(URL) -> boolean (no anchors at all without it).
   */
  function render(text, options) {
    options = options || {};
    const headingBase = options.headingBase || 3;
    const out = document.createDocumentFragment();
    const lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (!line.trim()) {
        i += 1;
        continue;
      }
      if (/^\s*```/.test(line)) {
        const code = [];
        i += 1;
        while (i < lines.length && !/^\s*```/.test(lines[i])) code.push(lines[i++]);
        i += 1;
        const pre = document.createElement("pre");
        const el = document.createElement("code");
        el.textContent = code.join("\n");
        pre.append(el);
        out.append(pre);
        continue;
      }
      const heading = HEADING.exec(line);
      if (heading) {
        const level = Math.min(6, headingBase + heading[1].length - 1);
        const h = document.createElement("h" + level);
        inline(heading[2], h, options);
        out.append(h);
        i += 1;
        continue;
      }
      if (RULE.test(line)) {
        out.append(document.createElement("hr"));
        i += 1;
        continue;
      }
      if (BULLET.test(line) || NUMBER.test(line)) {
        const ordered = !BULLET.test(line);
        const pattern = ordered ? NUMBER : BULLET;
        const list = document.createElement(ordered ? "ol" : "ul");
        while (i < lines.length && pattern.test(lines[i])) {
          const item = [pattern.exec(lines[i])[1]];
          i += 1;
          while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !BULLET.test(lines[i]) &&
                 !NUMBER.test(lines[i])) {
            item.push(lines[i++]);
          }
          list.append(paragraph(item, "li", options));
        }
        out.append(list);
        continue;
      }
      if (/^\s*>/.test(line)) {
        const quoted = [];
        while (i < lines.length && /^\s*>/.test(lines[i])) {
          quoted.push(lines[i++].replace(/^\s*>\s?/, ""));
        }
        out.append(paragraph(quoted, "blockquote", options));
        continue;
      }
      const para = [];
      while (i < lines.length && lines[i].trim() && !HEADING.test(lines[i]) &&
             !BULLET.test(lines[i]) && !NUMBER.test(lines[i]) && !RULE.test(lines[i]) &&
             !/^\s*(```|>)/.test(lines[i])) {
        para.push(lines[i++]);
      }
      if (!para.length) para.push(lines[i++]); // never stall on an unexpected line
      out.append(paragraph(para, "p", options));
    }
    return out;
  }

  window.AssistantMarkdown = { render: render };
})();
