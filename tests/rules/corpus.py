"""JDM models for differential tests against zen-engine: hand-written realistic ones and seeded
random tables, each with a random input generator that mixes good values, nulls, missing fields
and mistyped values (zen's behaviour on those is the reference)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

Rows = list[tuple[list[str], list[str]]]
InputGen = Callable[[random.Random], dict[str, Any]]


def node(nid: str, kind: str, content: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": nid, "type": kind, "name": nid, "position": {"x": 0, "y": 0}}
    if content is not None:
        out["content"] = content
    return out


def table(hit: str, inputs: list[str], outputs: list[str], rows: Rows, **extra: Any) -> dict:
    return {
        "hitPolicy": hit,
        "inputs": [{"id": f"in{k}", "name": f, "field": f} for k, f in enumerate(inputs)],
        "outputs": [{"id": f"out{k}", "name": f, "field": f} for k, f in enumerate(outputs)],
        "rules": [
            {"_id": f"r{n}"}
            | {f"in{k}": cells[k] for k in range(len(inputs))}
            | {f"out{k}": outs[k] for k in range(len(outputs))}
            for n, (cells, outs) in enumerate(rows)
        ],
        **extra,
    }


def single_table(content: dict[str, Any]) -> dict[str, Any]:
    return graph(
        [
            node("in", "inputNode"),
            node("t", "decisionTableNode", content),
            node("out", "outputNode"),
        ],
        [("in", "t"), ("t", "out")],
    )


def graph(nodes: list[dict[str, Any]], edges: list[tuple[str, ...]]) -> dict[str, Any]:
    return {
        "nodes": nodes,
        "edges": [
            {"id": f"e{k}", "sourceId": e[0], "targetId": e[1]}
            | ({"sourceHandle": e[2]} if len(e) > 2 else {})
            for k, e in enumerate(edges)
        ],
    }


def pick(rng: random.Random, good: list[Any], odd: float = 0.08) -> Any:
    """A good value most of the time; sometimes null, a wrong type or nothing (missing)."""
    roll = rng.random()
    if roll < odd / 2:
        return None
    if roll < odd:
        return rng.choice(["7", True, [1], {"x": 1}, -1.5])
    return rng.choice(good)


def gen(**fields: list[Any]) -> InputGen:
    def make(rng: random.Random) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, values in fields.items():
            if rng.random() < 0.03:
                continue  # missing field
            value = pick(rng, values)
            if "." in name:
                outer, inner = name.split(".", 1)
                out.setdefault(outer, {})[inner] = value
            else:
                out[name] = value
        return out

    return make


def nums(lo: int, hi: int, step: float = 1) -> list[Any]:
    out: list[Any] = []
    v = float(lo)
    while v <= hi:
        out.append(int(v) if v == int(v) else round(v, 2))
        v += step
    return out


# -- hand-written realistic models ------------------------------------------------------------


def pricing() -> tuple[dict[str, Any], InputGen]:
    t = table(
        "first",
        ["customer.tier", "cart.total", "cart.items"],
        ["discount", "label"],
        [
            (['"platinum"', ">= 500", ""], ["0.2", '"VIP 20%"']),
            (['"platinum"', "", ""], ["0.15", '"VIP 15%"']),
            (['"gold"', "[200..500)", "> 3"], ["0.1", '"Gold bulk"']),
            (['"gold", "silver"', ">= 100", ""], ["0.05", '"Loyalty"']),
            (["", ">= 1000", ""], ["0.07", '"Big basket"']),
            (["", "", ">= 10"], ["0.03", '"Many items"']),
            (["", "", ""], ["0", "null"]),
        ],
    )
    return single_table(t), gen(
        **{
            "customer.tier": ["platinum", "gold", "silver", "bronze"],
            "cart.total": nums(0, 1200, 12.5),
            "cart.items": nums(1, 15),
        }
    )


def loan_approval() -> tuple[dict[str, Any], InputGen]:
    score = table(
        "first",
        ["creditScore", "income"],
        ["band"],
        [
            ([">= 750", ">= 50000"], ['"A"']),
            (["[680..750)", ">= 40000"], ['"B"']),
            (["[600..680)", ""], ['"C"']),
            (["< 600", ""], ['"D"']),
            (["", ""], ['"unknown"']),
        ],
        passThrough=True,
    )
    decide = table(
        "first",
        ["band", "amount", "employment"],
        ["approved", "rate", "reason"],
        [
            (['"A"', "<= 500000", ""], ["true", "3.5", '"prime"']),
            (['"B"', "<= 250000", '"employed", "self-employed"'], ["true", "5.25", '"near prime"']),
            (['"C"', "<= 50000", '"employed"'], ["true", "8.9", '"subprime small"']),
            (["", "", ""], ["false", "null", '"declined"']),
        ],
    )
    g = graph(
        [
            node("in", "inputNode"),
            node("score", "decisionTableNode", score),
            node("decide", "decisionTableNode", decide),
            node("out", "outputNode"),
        ],
        [("in", "score"), ("score", "decide"), ("decide", "out")],
    )
    return g, gen(
        creditScore=nums(500, 850, 10),
        income=nums(10000, 120000, 5000),
        amount=nums(5000, 600000, 25000),
        employment=["employed", "self-employed", "unemployed", "retired"],
    )


def fraud_checks() -> tuple[dict[str, Any], InputGen]:
    t = table(
        "collect",
        ["amount", "country", "velocity", "cardPresent"],
        ["flag", "score"],
        [
            ([">= 5000", "", "", "false"], ['"high-amount-cnp"', "40"]),
            (["", '"KP", "IR", "SY"', "", ""], ['"sanctioned"', "100"]),
            (["", "", "> 10", ""], ['"velocity"', "velocity * 3"]),
            (["(1000..5000)", '"NG", "RU"', "", ""], ['"risky-corridor"', "25"]),
            (["< 1", "", "", ""], ['"micro-test"', "15"]),
            (["", 'not in ["FR", "DE", "GB"]', "> 5", "false"], ['"foreign-burst"', "20"]),
        ],
    )
    return single_table(t), gen(
        amount=[*nums(0, 9000, 250), 0.5, 0.99],
        country=["FR", "DE", "GB", "KP", "NG", "RU", "US"],
        velocity=nums(0, 20),
        cardPresent=[True, False],
    )


def shipping() -> tuple[dict[str, Any], InputGen]:
    zone = {
        "hitPolicy": "first",
        "statements": [
            {"id": "dom", "condition": 'country == "FR"'},
            {"id": "eu", "condition": 'country in ["DE", "ES", "IT", "BE"]'},
            {"id": "row", "condition": ""},
        ],
    }
    dom = table(
        "first",
        ["weight", "express"],
        ["cost", "days"],
        [
            (["<= 2", "false"], ["4.9", "3"]),
            (["<= 2", "true"], ["9.9", "1"]),
            (["", ""], ["weight * 1.5 + 5", "4"]),
        ],
    )
    eu = table(
        "first",
        ["weight"],
        ["cost", "days"],
        [
            (["<= 2"], ["12", "5"]),
            (["(2..20]"], ["12 + (weight - 2) * 2.25", "6"]),
            ([""], ["null", "null"]),
        ],
    )
    row = table("first", ["weight"], ["cost", "days"], [(["<= 30"], ["25 + weight * 4", "10"])])
    g = graph(
        [
            node("in", "inputNode"),
            node("zone", "switchNode", zone),
            node("dom", "decisionTableNode", dom),
            node("eu", "decisionTableNode", eu),
            node("row", "decisionTableNode", row),
            node("out", "outputNode"),
        ],
        [
            ("in", "zone"),
            ("zone", "dom", "dom"),
            ("zone", "eu", "eu"),
            ("zone", "row", "row"),
            ("dom", "out"),
            ("eu", "out"),
            ("row", "out"),
        ],
    )
    return g, gen(
        country=["FR", "DE", "ES", "US", "JP"], weight=nums(0, 40, 0.5), express=[True, False]
    )


def tax() -> tuple[dict[str, Any], InputGen]:
    rates = table(
        "first",
        ["country", "category"],
        ["rate"],
        [
            (['"FR"', '"food"'], ["0.055"]),
            (['"FR"', '"books"'], ["0.055"]),
            (['"FR"', ""], ["0.2"]),
            (['"DE"', '"food", "books"'], ["0.07"]),
            (['"DE"', ""], ["0.19"]),
            (['"GB"', '"food", "books"'], ["0"]),
            (['"GB"', ""], ["0.2"]),
        ],
        passThrough=True,
    )
    calc = {
        "expressions": [
            {"id": "x1", "key": "tax", "value": "round(net * rate, 2)"},
            {"id": "x2", "key": "gross", "value": "net + $.tax"},
            {"id": "x3", "key": "summary.country", "value": "country"},
        ]
    }
    g = graph(
        [
            node("in", "inputNode"),
            node("rates", "decisionTableNode", rates),
            node("calc", "expressionNode", calc),
            node("out", "outputNode"),
        ],
        [("in", "rates"), ("rates", "calc"), ("calc", "out")],
    )

    def make(rng: random.Random) -> dict[str, Any]:
        return {
            "country": rng.choice(["FR", "DE", "GB"]),
            "category": rng.choice(["food", "books", "tech", "toys"]),
            "net": rng.choice(nums(0, 500, 0.37)),
        }

    return g, make


def insurance() -> tuple[dict[str, Any], InputGen]:
    t = table(
        "first",
        ["age", "smoker", "bmi", "plan"],
        ["premium", "loading"],
        [
            (["< 18", "", "", ""], ["null", '"minor"']),
            (["[18..30]", "false", "[18.5..25)", '"basic"'], ["30", '"none"']),
            (["[18..30]", "true", "", ""], ["55", '"smoker"']),
            (["(30..50]", "", ">= 30", ""], ["90", '"bmi"']),
            (["(30..50]", "", "", '"premium", "plus"'], ["70", '"none"']),
            (["> 50", "true", "", ""], ["160", '"age+smoker"']),
            (["> 50", "", "", ""], ["110", '"age"']),
            (["", "", "", ""], ["45", '"default"']),
        ],
    )
    return single_table(t), gen(
        age=nums(10, 80),
        smoker=[True, False],
        bmi=nums(15, 40, 0.5),
        plan=["basic", "premium", "plus"],
    )


def payment_routing() -> tuple[dict[str, Any], InputGen]:
    t = table(
        "first",
        ["method", "currency", "amount"],
        ["provider", "fee"],
        [
            (['"card"', '"EUR"', "<= 10000"], ['"adyen"', "round(amount * 0.014 + 0.25, 2)"]),
            (['"card"', '"USD", "GBP"', ""], ['"stripe"', "round(amount * 0.029 + 0.3, 2)"]),
            (['"sepa"', '"EUR"', ""], ['"bank"', "0.2"]),
            (['"wallet"', "", "< 5000"], ['"paypal"', "round(amount * 0.034, 2)"]),
            (["", "", ""], ['"manual"', "null"]),
        ],
    )
    return single_table(t), gen(
        method=["card", "sepa", "wallet", "cash"],
        currency=["EUR", "USD", "GBP", "JPY"],
        amount=nums(1, 12000, 37.5),
    )


def refund_policy() -> tuple[dict[str, Any], InputGen]:
    t = table(
        "first",
        ["daysSincePurchase", "reason", "amount"],
        ["decision", "refundPct"],
        [
            (["<= 14", "", ""], ['"full"', "100"]),
            (["(14..30]", '"defective"', ""], ['"full"', "100"]),
            (["(14..30]", "", "<= 200"], ['"partial"', "50"]),
            (["> 30", '"defective"', ""], ['"repair"', "0"]),
            (["", "", ""], ['"deny"', "0"]),
        ],
    )
    return single_table(t), gen(
        daysSincePurchase=nums(0, 60),
        reason=["defective", "changed-mind", "late-delivery"],
        amount=nums(5, 400, 15),
    )


def kyc_level() -> tuple[dict[str, Any], InputGen]:
    t = table(
        "collect",
        ["monthlyVolume", "documents", "pep"],
        ["requirement"],
        [
            (["> 10000", "", ""], ['"enhanced-due-diligence"']),
            (["", "< 2", ""], ['"collect-documents"']),
            (["", "", "true"], ['"pep-review"']),
            (["[1000..10000]", ">= 2", "false"], ['"standard"']),
            (["< 1000", "", "false"], ['"simplified"']),
        ],
    )
    return single_table(t), gen(
        monthlyVolume=nums(0, 20000, 500), documents=nums(0, 4), pep=[True, False]
    )


def expression_scoring() -> tuple[dict[str, Any], InputGen]:
    calc = {
        "expressions": [
            {"id": "a", "key": "ratio", "value": "debt / income"},
            {"id": "b", "key": "risky", "value": "$.ratio > 0.4 or late > 2"},
            {"id": "c", "key": "grade", "value": '$.risky ? "review" : "ok"'},
            {"id": "d", "key": "tags", "value": "len(tags)"},
            {"id": "e", "key": "hasVip", "value": 'contains(tags, "vip")'},
        ]
    }
    g = graph(
        [node("in", "inputNode"), node("calc", "expressionNode", calc), node("out", "outputNode")],
        [("in", "calc"), ("calc", "out")],
    )

    def make(rng: random.Random) -> dict[str, Any]:
        return {
            "debt": rng.choice(nums(0, 50000, 1250)),
            "income": rng.choice(nums(1000, 90000, 3000)),
            "late": rng.randint(0, 5),
            "tags": rng.sample(["vip", "new", "b2b", "edu"], rng.randint(0, 3)),
        }

    return g, make


REALISTIC: list[Callable[[], tuple[dict[str, Any], InputGen]]] = [
    pricing,
    loan_approval,
    fraud_checks,
    shipping,
    tax,
    insurance,
    payment_routing,
    refund_policy,
    kyc_level,
    expression_scoring,
]


# -- random tables ----------------------------------------------------------------------------

STRINGS = ["a", "b", "c", "gold", "silver"]


def _num_cell(rng: random.Random) -> str:
    a = rng.randint(-5, 20)
    b = a + rng.randint(0, 15)
    kind = rng.randrange(9)
    if kind == 0:
        return ""
    if kind == 1:
        return f"{rng.choice(['>', '>=', '<', '<='])} {a}"
    if kind == 2:
        return f"{rng.choice('[(]')}{a}..{b}{rng.choice('])[')}"
    if kind == 3:
        return f"{a}, {b}"
    if kind == 4:
        return f">= {a} and < {b}"
    if kind == 5:
        return f"not in [{a}, {b}]"
    if kind == 6:
        return f"$ > {a} and $ != {b}"
    if kind == 7:
        return f"{a}.5" if rng.random() < 0.5 else f"[{a}..{b}], > {b + 5}"
    return f"{rng.choice(['>', '<'])} {a}, {b}"


def _str_cell(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return ""
    if kind == 1:
        return f'"{rng.choice(STRINGS)}"'
    if kind == 2:
        return ", ".join(f'"{s}"' for s in rng.sample(STRINGS, 2))
    if kind == 3:
        return f'not in ["{rng.choice(STRINGS)}"]'
    if kind == 4:
        return f'startsWith($, "{rng.choice("abgs")}")'
    return "len($) > 3"


def _bool_cell(rng: random.Random) -> str:
    return rng.choice(["", "true", "false"])


def random_table(seed: int, rows: int) -> tuple[dict[str, Any], InputGen]:
    rng = random.Random(seed)
    ncols = rng.randint(2, 5)
    kinds = [rng.choice(["num", "num", "str", "bool"]) for _ in range(ncols)]
    names = [f"f{k}" for k in range(ncols)]
    outputs = ["result", "score", "note"][: rng.randint(1, 3)]
    body: Rows = []
    for r in range(rows):
        cells = []
        for kind in kinds:
            if kind == "num":
                cells.append(_num_cell(rng))
            elif kind == "str":
                cells.append(_str_cell(rng))
            else:
                cells.append(_bool_cell(rng))
        outs = []
        for _o in outputs:
            choice = rng.randrange(5)
            num_inputs = [n for n, k in zip(names, kinds, strict=True) if k == "num"]
            if choice == 0:
                outs.append(f'"row{r}"')
            elif choice == 1:
                outs.append(str(rng.randint(0, 100)))
            elif choice == 2 and num_inputs:
                outs.append(f"{rng.choice(num_inputs)} * 2 + {r}")
            elif choice == 3:
                outs.append("null")
            else:
                outs.append(f"{r}.25")
        body.append((cells, outs))
    hit = rng.choice(["first", "collect"])
    domains: dict[str, list[Any]] = {}
    for n, kind in zip(names, kinds, strict=True):
        if kind == "num":
            domains[n] = [*range(-7, 37), 2.5, 10.5, 0.25]
        elif kind == "str":
            domains[n] = [*STRINGS, "alpha", "", "GOLD"]
        else:
            domains[n] = [True, False]
    return single_table(table(hit, names, outputs, body)), gen(**domains)
