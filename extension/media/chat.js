// Chat webview: sends questions, shows the streamed HTML the extension renders, forwards
// code-block buttons. No network access (CSP); the extension host does all the work.
(function () {
  const vscode = acquireVsCodeApi();
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const question = document.getElementById("question");
  const withContext = document.getElementById("context");
  const send = document.getElementById("send");
  const cancel = document.getElementById("cancel");
  let answer = null;

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    vscode.postMessage({ type: "ask", text: question.value, withContext: withContext.checked });
    question.value = "";
  });
  question.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  cancel.addEventListener("click", () => vscode.postMessage({ type: "cancel" }));
  log.addEventListener("click", (e) => {
    const button = e.target.closest("[data-action]");
    if (!button || !answer || !answer.contains(button)) return;
    e.preventDefault();
    if (button.dataset.action === "open") {
      vscode.postMessage({ type: "open", citation: Number(button.dataset.citation) });
    } else {
      vscode.postMessage({ type: button.dataset.action, block: Number(button.dataset.block) });
    }
  });

  window.addEventListener("message", (event) => {
    const msg = event.data;
    if (msg.type === "start") {
      if (answer) answer.querySelectorAll("button[data-action]").forEach((b) => b.remove());
      const q = document.createElement("div");
      q.className = "question";
      q.textContent = msg.question;
      if (msg.context) {
        const c = document.createElement("div");
        c.className = "context";
        c.textContent = "context: " + msg.context;
        q.appendChild(c);
      }
      answer = document.createElement("div");
      answer.className = "answer streaming";
      log.append(q, answer);
      send.disabled = true;
      cancel.disabled = false;
    } else if (msg.type === "answer" && answer) {
      answer.innerHTML = msg.html; // rendered by the extension with markdown-it, raw HTML off
      if (msg.done) answer.classList.remove("streaming");
    } else if (msg.type === "error" && answer) {
      const e = document.createElement("div");
      e.className = "error";
      e.textContent = msg.message;
      answer.classList.remove("streaming");
      answer.appendChild(e);
    } else if (msg.type === "idle") {
      send.disabled = false;
      cancel.disabled = true;
    }
    log.scrollTop = log.scrollHeight;
  });
})();
