// Chat answers: split streamed markdown into prose and fenced code blocks, render prose with
// markdown-it (raw HTML off), keep code blocks apart so the panel can offer insert / apply.
import MarkdownIt from "markdown-it";

export type Segment =
  | { kind: "markdown"; text: string }
  | { kind: "code"; language: string; code: string; closed: boolean };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)[^\n]*$/;

/**
 * Segments of a (possibly partial) markdown answer. An unclosed fence at the end is a code
 * segment with `closed: false`: the answer is still streaming.
 */
export function splitSegments(text: string): Segment[] {
  const out: Segment[] = [];
  const lines = text.split("\n");
  let prose: string[] = [];
  let fence: { marker: string; language: string; body: string[] } | undefined;
  const flushProse = () => {
    if (prose.join("\n").trim()) {
      out.push({ kind: "markdown", text: prose.join("\n") });
    }
    prose = [];
  };
  for (const line of lines) {
    if (fence) {
      const trimmed = line.trim();
      if (trimmed.startsWith(fence.marker[0]) && trimmed.length >= fence.marker.length &&
          /^(`+|~+)$/.test(trimmed)) {
        out.push({ kind: "code", language: fence.language, code: fence.body.join("\n"), closed: true });
        fence = undefined;
      } else {
        fence.body.push(line);
      }
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      flushProse();
      fence = { marker: open[1], language: open[2] ?? "", body: [] };
    } else {
      prose.push(line);
    }
  }
  if (fence) {
    out.push({ kind: "code", language: fence.language, code: fence.body.join("\n"), closed: false });
  }
  flushProse();
  return out;
}

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export interface RenderedAnswer {
  html: string;
  codeBlocks: string[];
}

/** HTML of an answer; each code block carries `data-block` = its index in `codeBlocks`. */
export function renderAnswer(text: string): RenderedAnswer {
  const codeBlocks: string[] = [];
  const html = splitSegments(text)
    .map((segment) => {
      if (segment.kind === "markdown") {
        return md.render(segment.text);
      }
      const index = codeBlocks.push(segment.code) - 1;
      const lang = segment.language ? `<span class="lang">${escapeHtml(segment.language)}</span>` : "";
      const actions = segment.closed
        ? `<button data-action="insert" data-block="${index}">Insert at cursor</button>` +
          `<button data-action="apply" data-block="${index}">Apply as edit</button>` +
          `<button data-action="copy" data-block="${index}">Copy</button>`
        : "";
      return (
        `<div class="code" data-block="${index}"><div class="bar">${lang}${actions}</div>` +
        `<pre><code>${escapeHtml(segment.code)}</code></pre></div>`
      );
    })
    .join("");
  return { html, codeBlocks };
}
