"""AI suggestions as ordinary completion items, for clients without inline completion.

`textDocument/completion` belongs to the language-features owner (jedi + index); this is the plain
function that handler can call. It never waits for the model: it returns the suggestion that the
inline engine already has for this position (result cache or typing forward), else it starts one
in the AI worker (so the next completion request finds it) and returns nothing now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from intheflow.ai.inline import InlineRequest

if TYPE_CHECKING:
    from intheflow.ai.service import AIService


@dataclass(frozen=True)
class AiCompletionItem:
    label: str  # first line of the suggestion, shortened
    insert_text: str  # the whole suggestion, inserted at the cursor
    detail: str = "intheflow AI"


def ai_completion_items(svc: AIService, req: InlineRequest) -> list[AiCompletionItem]:
    if not svc.ready or not svc.settings.inline.enabled:
        return []
    quick = svc.engine.quick(req)
    if quick is not None and quick.text:
        first = quick.text.strip().splitlines()[0] if quick.text.strip() else quick.text
        label = first if len(first) <= 40 else first[:39] + "…"
        return [AiCompletionItem(label=label, insert_text=quick.text)]
    cancel = svc.engine.begin(req.path)
    svc.worker.submit(svc.engine.suggest, req, cancel)  # warm the cache for the next request
    return []
