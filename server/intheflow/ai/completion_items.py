"""AI suggestions as ordinary completion items, for clients without inline completion.

Neovim's and Helix's completion menus re-request while the user types when a list is marked
incomplete, so the AI never delays the language items: the handler answers with them at once,
and this function adds the suggestion that the inline engine already has for this position
(result cache or typing forward). Without one, it starts one in the AI worker and reports it
pending; the handler then marks the list incomplete and the next keystroke's request finds it.

Clients filter items by the word before the cursor, so the item replaces that word with the
word + suggestion (its label starts with what the user typed, and the client keeps it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from intheflow.ai.inline import InlineRequest

if TYPE_CHECKING:
    from intheflow.ai.service import AIService

LABEL_CHARS = 60
WORD_BEFORE = re.compile(r"[A-Za-z0-9_]*$")


@dataclass(frozen=True)
class AiCompletionItem:
    label: str  # the word before the cursor + the suggestion's first line, shortened
    insert_text: str  # the word before the cursor + the whole suggestion
    word_start: int  # code-point column where the replaced word begins
    detail: str = "intheflow AI"


@dataclass(frozen=True)
class AiCompletion:
    items: list[AiCompletionItem] = field(default_factory=list)
    pending: bool = False  # a suggestion is being generated for this position: ask again


def ai_completion_items(svc: AIService, req: InlineRequest) -> AiCompletion:
    if not svc.ready or not svc.settings.inline.enabled:
        return AiCompletion()
    quick = svc.engine.quick(req)
    if quick is not None:
        return AiCompletion([_item(req, quick.text)] if quick.text.strip() else [])
    cancel = svc.engine.begin(req.path)  # a newer request for the document cancels this one
    svc.worker.submit(svc.engine.suggest, req, cancel)
    return AiCompletion(pending=True)


def _item(req: InlineRequest, suggestion: str) -> AiCompletionItem:
    line = req.text.split("\n")[req.line] if req.text else ""
    before = line[: req.character]
    word = WORD_BEFORE.search(before)
    start = word.start() if word else len(before)
    typed = before[start:]
    first = (typed + suggestion).split("\n", 1)[0].strip()
    more = "…" if len(first) > LABEL_CHARS or "\n" in suggestion.strip() else ""
    return AiCompletionItem(
        label=first[:LABEL_CHARS] + more, insert_text=typed + suggestion, word_start=start
    )
