import assert from "node:assert/strict";
import { test } from "node:test";
import { renderAnswer, splitSegments } from "../src/markdown";

test("prose and fenced code blocks are split, with the language", () => {
  const text = "Use this:\n\n```rust\nfn main() {}\n```\n\nThen run it.\n~~~\nplain\n~~~";
  assert.deepEqual(splitSegments(text), [
    { kind: "markdown", text: "Use this:\n" },
    { kind: "code", language: "rust", code: "fn main() {}", closed: true },
    { kind: "markdown", text: "\nThen run it." },
    { kind: "code", language: "", code: "plain", closed: true },
  ]);
});

test("an unclosed fence while streaming is an open code block", () => {
  const segments = splitSegments("Here:\n```python\ndef f():\n    return 1");
  assert.deepEqual(segments[1], { kind: "code", language: "python", code: "def f():\n    return 1", closed: false });
});

test("a shorter or different fence does not close a block", () => {
  const segments = splitSegments("````md\n```js\nx\n```\n````");
  assert.equal(segments.length, 1);
  assert.equal(segments[0].kind === "code" && segments[0].code, "```js\nx\n```");
});

test("code blocks get indexed buttons only once closed; raw HTML is escaped", () => {
  const done = renderAnswer("Hi <script>alert(1)</script>\n\n```go\nx := \"<b>\"\n```");
  assert.deepEqual(done.codeBlocks, ['x := "<b>"']);
  assert.match(done.html, /data-action="insert" data-block="0"/);
  assert.match(done.html, /data-action="apply" data-block="0"/);
  assert.ok(!done.html.includes("<script>"));
  assert.ok(done.html.includes("x := &quot;&lt;b&gt;&quot;"));
  const streaming = renderAnswer("```go\nx :=");
  assert.ok(!streaming.html.includes("data-action"));
});

test("markdown prose is rendered (emphasis, lists, inline code)", () => {
  const { html } = renderAnswer("**Rule** applies to:\n\n- `fee`\n- limits");
  assert.match(html, /<strong>Rule<\/strong>/);
  assert.match(html, /<li><code>fee<\/code><\/li>/);
});
