"""The business taxonomy and the mapper from code components to its terms.

`taxonomy.yaml` (workspace root by default):

    version: 1
    terms:
      - name: Refunds
        description: Returning money to a customer for a captured payment.
        parent: Payment Processing          # optional, another term's name
        hints:
          keywords: [refund, reversal]       # matched against name tokens and docstrings
          names: ["*Refund*", "re:^undo_"]   # glob (or re:regex) on the name / qualified name
          imports: ["stripe.refunds*"]       # glob on imported modules
          paths: [services/payments-api/]    # path prefixes (context only)
          tags: [payments]                   # catalog tags of the owning service (context only)

The mapper is deterministic and explainable: each signal adds a weight, combined as a noisy-or
(1 - Π(1 - w)), and each leaves an evidence string. Direct signals (name, name pattern, docstring,
imports, call-graph neighbour) are required; context signals (path, catalog tags) only raise the
confidence of a component that has a direct one. The result is IMPLEMENTS edges
component → term with props {confidence, evidence}, source "taxonomy".
"""

from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from intheflow.core.errors import UserError
from intheflow.graph.model import (
    Edge,
    EdgeType,
    GraphFacts,
    Node,
    NodeLabel,
    Provenance,
    service_id,
    term_id,
)

DEFAULT_TAXONOMY = "taxonomy.yaml"
MAPPING_SOURCE = "taxonomy"
HINT_KEYS = ("keywords", "names", "imports", "paths", "tags")

# Signal weights (noisy-or). Tuned so that one clear name match alone maps (0.55), a docstring
# mention alone is borderline (0.3 < threshold), and name + docstring + path is near-certain.
W_NAME = 0.55
W_QUALNAME = 0.3  # a keyword in an enclosing class/module name
W_PATTERN = 0.6
W_DOC = 0.3
W_IMPORT = 0.4
W_CALLS = 0.2
W_PATH = 0.25
W_TAG = 0.2
THRESHOLD = 0.4
MAX_TERMS_PER_COMPONENT = 3


class TaxonomyError(UserError):
    """An invalid taxonomy file (file:line:col)."""


@dataclass(frozen=True)
class Term:  # frozen, with a cached_property: dataclass keeps a __dict__ for it
    name: str
    description: str = ""
    parent: str | None = None
    keywords: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    line: int = 0  # 0-based line of the term in the file

    @property
    def id(self) -> str:
        return term_id(self.name)

    @functools.cached_property
    def stems(self) -> list[tuple[str, tuple[str, ...]]]:
        """(keyword, its stemmed tokens); the term's own name counts as a keyword."""
        words = [*self.keywords, self.name]
        return [(w, tuple(stem(t) for t in tokens(w))) for w in dict.fromkeys(words)]


@dataclass
class Taxonomy:
    terms: list[Term]
    source: str = DEFAULT_TAXONOMY

    def term(self, name: str) -> Term | None:
        return next((t for t in self.terms if t.name == name), None)


# --- loading ----------------------------------------------------------------------------------
def load_taxonomy(path: Path, source: str | None = None) -> Taxonomy:
    source = source or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"cannot read taxonomy: {exc}", source) from None
    return parse_taxonomy(text, source)


def parse_taxonomy(text: str, source: str = DEFAULT_TAXONOMY) -> Taxonomy:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise TaxonomyError(
            f"invalid YAML: {exc.problem or exc.context}", source, line, col
        ) from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"invalid YAML: {exc}", source) from None
    if root is None:
        return Taxonomy([], source)

    def fail(message: str, node: yaml.Node) -> TaxonomyError:
        return TaxonomyError(message, source, node.start_mark.line + 1, node.start_mark.column + 1)

    if not isinstance(root, yaml.MappingNode):
        raise fail("a taxonomy is a mapping with a `terms` list", root)
    top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    terms_node = top.get("terms")
    if terms_node is None:
        raise fail("missing `terms`", root)
    if not isinstance(terms_node, yaml.SequenceNode):
        raise fail("`terms` must be a list", terms_node)
    terms: list[Term] = []
    nodes: dict[str, yaml.Node] = {}
    for item in terms_node.value:
        data = _construct(item)
        if not isinstance(data, dict):
            raise fail("a term is a mapping with at least a `name`", item)
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail("a term needs a `name`", item)
        if name in nodes:
            raise fail(f"duplicate term {name!r}", item)
        hints = data.get("hints") or {}
        if not isinstance(hints, dict):
            raise fail(f"`hints` of {name!r} must be a mapping", item)
        unknown = sorted(set(hints) - set(HINT_KEYS))
        if unknown:
            raise fail(f"unknown hint(s) {', '.join(unknown)} in {name!r}; use {HINT_KEYS}", item)
        lists: dict[str, tuple[str, ...]] = {}
        for key in HINT_KEYS:
            value = hints.get(key) or []
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(f"hint `{key}` of {name!r} must be a list of strings", item)
            lists[key] = tuple(value)
        for pattern in lists["names"]:
            if pattern.startswith("re:"):
                try:
                    re.compile(pattern[3:])
                except re.error as exc:
                    raise fail(f"bad regular expression {pattern!r}: {exc}", item) from None
        parent = data.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise fail(f"`parent` of {name!r} must be a term name", item)
        nodes[name] = item
        terms.append(
            Term(
                name=name,
                description=str(data.get("description") or ""),
                parent=parent,
                line=item.start_mark.line,
                **lists,
            )
        )
    names = {t.name for t in terms}
    for term in terms:
        if term.parent is not None and term.parent not in names:
            raise fail(f"parent {term.parent!r} of {term.name!r} is not a term", nodes[term.name])
    _check_cycles(terms, nodes, fail)
    return Taxonomy(terms, source)


def _construct(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _check_cycles(terms: list[Term], nodes: dict[str, yaml.Node], fail: Any) -> None:
    parent = {t.name: t.parent for t in terms}
    for term in terms:
        seen = {term.name}
        p = term.parent
        while p is not None:
            if p in seen:
                raise fail(f"term {term.name!r} is its own ancestor", nodes[term.name])
            seen.add(p)
            p = parent.get(p)


def term_facts(taxonomy: Taxonomy) -> GraphFacts:
    """Term nodes, and PART_OF edges from a term to its parent."""
    out = GraphFacts(nodes=[], edges=[])
    for t in taxonomy.terms:
        prov = Provenance(taxonomy.source, t.line)
        hints = {k: list(getattr(t, k)) for k in HINT_KEYS if getattr(t, k)}
        props: dict[str, Any] = {"description": t.description, "hints": hints}
        if t.parent:
            props["parent"] = t.parent
        out.nodes.append(Node(t.id, NodeLabel.TERM, t.name, props, prov))
        if t.parent:
            out.edges.append(Edge(t.id, term_id(t.parent), EdgeType.PART_OF, {}, prov))
    return out


# --- text helpers -----------------------------------------------------------------------------
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ed", "es", "s", "e")


def tokens(text: str) -> list[str]:
    """Words of an identifier or a sentence: camelCase, snake_case, kebab-case, dotted."""
    return [m.group(0).lower() for m in _CAMEL.finditer(text)]


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _stems_match(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    # "valid"~"validat", "post"!~"postgre", "charg"!~"chargeback": only a short inflection.
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


@dataclass
class Words:
    """The words of a name or docstring with their stems, indexed for keyword lookups."""

    words: list[str]
    stems: list[str]
    first: dict[str, int]  # stem -> first index
    by_prefix: dict[str, list[int]]  # first 4 letters of a stem -> indexes

    @staticmethod
    def of(text: str) -> Words:
        words = tokens(text)
        stems = [stem(w) for w in words]
        first: dict[str, int] = {}
        by_prefix: dict[str, list[int]] = {}
        for i, s in enumerate(stems):
            first.setdefault(s, i)
            if len(s) >= 4:
                by_prefix.setdefault(s[:4], []).append(i)
        return Words(words, stems, first, by_prefix)

    def find(self, part: str) -> int | None:
        exact = self.first.get(part)
        if exact is not None or len(part) < 4:
            return exact
        for i in self.by_prefix.get(part[:4], ()):
            if _stems_match(part, self.stems[i]):
                return i
        return None


def _find_keyword(
    words: Words, keywords: list[tuple[str, tuple[str, ...]]]
) -> tuple[str, str] | None:
    """(keyword, matched text) for the first keyword whose tokens all occur among words."""
    for keyword, parts in keywords:
        hits = [words.find(p) for p in parts]
        if parts and all(h is not None for h in hits):
            return keyword, words.words[hits[0] or 0]
    return None


def _glob(pattern: str, text: str) -> bool:
    if pattern.startswith("re:"):
        return re.search(pattern[3:], text) is not None
    return fnmatch.fnmatchcase(text, pattern)


# --- mapping ----------------------------------------------------------------------------------
@dataclass
class Match:
    component: str
    term: str
    signals: list[tuple[float, str, bool]] = field(default_factory=list)  # weight, why, direct

    @property
    def direct(self) -> bool:
        return any(d for _, _, d in self.signals)

    @property
    def confidence(self) -> float:
        miss = 1.0
        for weight, _, _ in self.signals:
            miss *= 1.0 - weight
        return round(1.0 - miss, 3)

    def add(self, weight: float, why: str, direct: bool = True) -> None:
        self.signals.append((weight, why, direct))


def map_components(taxonomy: Taxonomy, facts: GraphFacts) -> GraphFacts:
    """IMPLEMENTS edges for the CodeComponent nodes of `facts` (its Service nodes give the
    catalog tags; its CALLS edges give the call-graph neighbours)."""
    components = [
        n for n in facts.nodes if n.label == NodeLabel.CODE_COMPONENT and not is_test_code(n)
    ]
    services = {n.id: n for n in facts.nodes if n.label == NodeLabel.SERVICE}
    calls: dict[str, set[str]] = {}
    for e in facts.edges:
        if e.type == EdgeType.CALLS:
            calls.setdefault(e.src, set()).add(e.dst)
            calls.setdefault(e.dst, set()).add(e.src)
    matches: dict[tuple[str, str], Match] = {}
    for node in sorted(components, key=lambda n: n.id):
        component = _Component.of(node)
        for term in taxonomy.terms:
            match = _direct_signals(node, term, component)
            if match.direct:
                _context_signals(match, node, term, services)
                matches[(node.id, term.id)] = match
    # Call-graph neighbours of a confident match are evidence too (one hop, computed from the
    # direct matches only, so the result does not depend on iteration order).
    confident = {k: m for k, m in matches.items() if m.confidence >= THRESHOLD}
    by_id = {n.id: n for n in components}
    term_names = {t.id: t.name for t in taxonomy.terms}
    for comp, tid in sorted(confident):
        for other in sorted(calls.get(comp, ())):
            if other not in by_id or other == comp:
                continue
            match = matches.setdefault((other, tid), Match(other, tid))
            if not any(w == W_CALLS for w, _, _ in match.signals):
                name = by_id[comp].name
                why = f"calls or is called by {name!r}, which implements {term_names[tid]}"
                match.add(W_CALLS, why)
    edges: list[Edge] = []
    per_component: dict[str, list[Match]] = {}
    for match in matches.values():
        if match.direct and match.confidence >= THRESHOLD:
            per_component.setdefault(match.component, []).append(match)
    for comp in sorted(per_component):
        best = sorted(per_component[comp], key=lambda m: (-m.confidence, m.term))
        for match in best[:MAX_TERMS_PER_COMPONENT]:
            node = by_id[comp]
            source_line = node.provenance.start_line if node.provenance else None
            edges.append(
                Edge(
                    comp,
                    match.term,
                    EdgeType.IMPLEMENTS,
                    {
                        "confidence": match.confidence,
                        "evidence": [why for _, why, _ in match.signals],
                    },
                    Provenance(MAPPING_SOURCE, source_line),
                )
            )
    return GraphFacts(nodes=[], edges=edges)


@dataclass
class _Component:
    """What the mapper reads of a component, tokenized once (not once per term)."""

    own_name: str
    own: Words
    outer: str
    outer_words: Words
    doc: Words

    @staticmethod
    def of(node: Node) -> _Component:
        p = node.props
        # A module is named by its file, not by the folders above it (which name the service).
        own_name = node.name.rsplit(".", 1)[-1] if p.get("kind") == "module" else node.name
        qual = str(p.get("qualname") or "")
        outer = qual.rsplit(".", 1)[0] if "." in qual else ""
        doc = str(p.get("docstring") or "")
        return _Component(own_name, Words.of(own_name), outer, Words.of(outer), Words.of(doc))


def _direct_signals(node: Node, term: Term, c: _Component) -> Match:
    match = Match(node.id, term.id)
    p = node.props
    keywords = term.stems
    own = _find_keyword(c.own, keywords)
    if own:
        match.add(W_NAME, f"name {c.own_name!r} matches keyword {own[0]!r}")
    elif c.outer:
        hit = _find_keyword(c.outer_words, keywords)
        if hit:
            match.add(W_QUALNAME, f"enclosing name {c.outer!r} matches keyword {hit[0]!r}")
    for pattern in term.names:
        qual = str(p.get("qualname") or node.name)
        if _glob(pattern, node.name) or _glob(pattern, qual):
            match.add(W_PATTERN, f"name {qual!r} matches pattern {pattern!r}")
            break
    if c.doc.words:
        hit = _find_keyword(c.doc, keywords)
        if hit:
            match.add(W_DOC, f"docstring mentions {hit[1]!r} (keyword {hit[0]!r})")
    imports = [str(i) for i in p.get("imports") or []]
    for pattern in term.imports:
        found = next((i for i in imports if _glob(pattern, i)), None)
        if found:
            match.add(W_IMPORT, f"imports {found!r} (hint {pattern!r})")
            break
    return match


_TEST_FILE = re.compile(r"(^|/)(tests?|__tests__|spec)/|(^|/)test_[^/]*$|_test\.\w+$|Tests?\.java$")


def is_test_code(node: Node) -> bool:
    """Tests exercise a term; they do not implement it."""
    path = str(node.props.get("path") or (node.provenance.source if node.provenance else ""))
    return bool(_TEST_FILE.search(path))


def _context_signals(match: Match, node: Node, term: Term, services: dict[str, Node]) -> None:
    path = str(node.props.get("path") or (node.provenance.source if node.provenance else ""))
    prefix = next((pp for pp in term.paths if path.startswith(pp)), None)
    if prefix:
        match.add(W_PATH, f"file {path!r} is under {prefix!r}", direct=False)
    service_name = node.props.get("service")
    if term.tags and service_name:
        service = services.get(service_id(str(service_name)))
        tags = [str(t) for t in (service.props.get("tags") or [])] if service else []
        common = [t for t in term.tags if t in tags]
        if common:
            match.add(
                W_TAG,
                f"service {service_name!r} is tagged {', '.join(repr(t) for t in common)}",
                direct=False,
            )


def map_workspace(root: Path, code: GraphFacts) -> GraphFacts:
    """Term nodes plus IMPLEMENTS edges for a workspace (the indexer calls this). No taxonomy
    file → no facts. An invalid taxonomy raises TaxonomyError (the indexer logs it)."""
    path = root / DEFAULT_TAXONOMY
    if not path.is_file():
        return GraphFacts(nodes=[], edges=[])
    taxonomy = load_taxonomy(path, DEFAULT_TAXONOMY)
    out = term_facts(taxonomy)
    out.extend(map_components(taxonomy, code))
    return out
