"""Graph data as plain values, shared by every capability that contributes facts.

Node ids are stable strings built by the helpers below, so that facts contributed by different
capabilities (the indexer, the rule engine, the process engine, the transpiler) link up:

  service:<name>                       Service (from catalog-info.yaml or a service folder)
  component:<relpath>                  CodeComponent, a module / COBOL program file
  component:<relpath>#<qualified.name> CodeComponent, a class, function, method, COBOL paragraph
  process:<process id>                 BusinessProcess
  rule:<rule set relpath>#<rule id>    Rule
  term:<slug of the term name>         Term (business taxonomy)
  owner:<group name>                   Owner (team)
  api:<name>                           API (Backstage API entity)
  system:<name>                        System (Backstage System entity)
  resource:<name>                      Resource (Backstage Resource entity: database, queue…)

Provenance: every node and edge carries the `source` it came from (normally the workspace-relative
file path), so an edit can replace exactly that file's facts.
"""

from __future__ import annotations

import enum
import re
from typing import Any

import msgspec


class NodeLabel(enum.StrEnum):
    SERVICE = "Service"
    CODE_COMPONENT = "CodeComponent"
    BUSINESS_PROCESS = "BusinessProcess"
    RULE = "Rule"
    TERM = "Term"
    OWNER = "Owner"
    API = "API"
    SYSTEM = "System"
    RESOURCE = "Resource"


class EdgeType(enum.StrEnum):
    IMPLEMENTS = "IMPLEMENTS"
    TRANSPILES_TO = "TRANSPILES_TO"
    HAS_RULE = "HAS_RULE"
    DEPENDS_ON = "DEPENDS_ON"
    CALLS = "CALLS"
    CONTAINS = "CONTAINS"
    OWNS = "OWNS"
    PROVIDES_API = "PROVIDES_API"
    CONSUMES_API = "CONSUMES_API"
    PART_OF = "PART_OF"


class Provenance(msgspec.Struct, frozen=True):
    source: str  # workspace-relative file path, or a logical source such as "taxonomy"
    start_line: int | None = None  # 0-based
    start_col: int | None = None
    end_line: int | None = None
    end_col: int | None = None
    commit: str | None = None


class Node(msgspec.Struct, frozen=True):
    id: str
    label: str  # a NodeLabel value
    name: str
    props: dict[str, Any] = {}
    provenance: Provenance | None = None


class Edge(msgspec.Struct, frozen=True):
    src: str
    dst: str
    type: str  # an EdgeType value
    props: dict[str, Any] = {}
    provenance: Provenance | None = None


class GraphFacts(msgspec.Struct):
    """What one contributor knows about one source (a file, or a logical source)."""

    nodes: list[Node] = []
    edges: list[Edge] = []

    def extend(self, other: GraphFacts) -> None:
        self.nodes.extend(other.nodes)
        self.edges.extend(other.edges)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def service_id(name: str) -> str:
    return f"service:{name}"


def component_id(relpath: str, qualname: str | None = None) -> str:
    return f"component:{relpath}" + (f"#{qualname}" if qualname else "")


def process_id(pid: str) -> str:
    return f"process:{pid}"


def rule_id(ruleset_relpath: str, rid: str) -> str:
    return f"rule:{ruleset_relpath}#{rid}"


def term_id(name: str) -> str:
    return f"term:{slug(name)}"


def owner_id(name: str) -> str:
    return f"owner:{name}"


def api_id(name: str) -> str:
    return f"api:{name}"


def system_id(name: str) -> str:
    return f"system:{name}"


def resource_id(name: str) -> str:
    return f"resource:{name}"
