// Knowledge tree: services -> components -> processes -> rules, built from `intheflow/graphQuery`
// rows. Pure (no vscode import): queries, node extraction, labels and locations are unit-tested.

/** A node as the graph store returns it inside query rows. */
export interface GraphNode {
  id: string;
  label: string;
  name: string;
  props: Record<string, unknown>;
  /** The file the node came from (workspace-relative), when the server says. */
  source?: string;
}

export interface QueryRows {
  columns: string[];
  rows: unknown[][];
}

/** The levels of the tree, outermost first. */
export const LEVELS = ["Service", "CodeComponent", "BusinessProcess", "Rule"] as const;

export const ROOT_QUERY = "MATCH (s:Service) RETURN s, s.name AS name, s.source AS source ORDER BY name";

/**
 * The children of each level: a service's file-level components; the processes a component (or
 * anything it contains) is linked to; a process's rules.
 */
const CHILD_QUERIES: Record<string, string> = {
  Service:
    "MATCH (m:CodeComponent)-[:PART_OF]->(n:Service {id: $id}) WHERE NOT m.id CONTAINS '#' " +
    "RETURN DISTINCT m, m.name AS name, m.source AS source ORDER BY name",
  CodeComponent:
    "MATCH (n:CodeComponent {id: $id})-[:CONTAINS*0..3]->(c)-[r]-(m:BusinessProcess) " +
    "RETURN DISTINCT m, m.name AS name, m.source AS source ORDER BY name",
  BusinessProcess:
    "MATCH (n:BusinessProcess {id: $id})-[r]-(m:Rule) " +
    "RETURN DISTINCT m, m.name AS name, m.source AS source ORDER BY name",
};

export function isGraphNode(value: unknown): value is GraphNode {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.label === "string";
}

/**
 * Every distinct node found in the cells of a query result, in row order. A `source` column
 * (the provenance file of the row's first node) becomes that node's `source`.
 */
export function nodesFromRows(result: QueryRows): GraphNode[] {
  const seen = new Map<string, GraphNode>();
  const sourceColumn = result.columns.indexOf("source");
  for (const row of result.rows) {
    const rowSource = sourceColumn >= 0 ? row[sourceColumn] : undefined;
    if (isGraphNode(row[0]) && typeof rowSource === "string" && rowSource && !("source" in row[0])) {
      row[0] = { ...row[0], source: rowSource };
    }
    for (const cell of row) {
      if (isGraphNode(cell) && !seen.has(cell.id)) {
        const name = typeof cell.name === "string" && cell.name ? cell.name : cell.id;
        const node: GraphNode = { id: cell.id, label: cell.label, name, props: cell.props ?? {} };
        if (typeof cell.source === "string" && cell.source) node.source = cell.source;
        seen.set(cell.id, node);
      }
    }
  }
  return [...seen.values()];
}

/** The label one level below `label`, or undefined for a leaf (rules and non-tree labels). */
export function childLabel(label: string): string | undefined {
  const index = (LEVELS as readonly string[]).indexOf(label);
  return index >= 0 && index + 1 < LEVELS.length ? LEVELS[index + 1] : undefined;
}

/** Cypher and parameters for the children of a node, or undefined for a leaf. */
export function childQuery(node: GraphNode): { query: string; params: Record<string, unknown> } | undefined {
  const query = CHILD_QUERIES[node.label];
  return query ? { query, params: { id: node.id } } : undefined;
}

export interface NodeLocation {
  /** Workspace-relative path. */
  path: string;
  /** 0-based line. */
  line: number;
}

/**
 * Where a node lives: its `path`/`source` and `line` props when present, else the file named by
 * its id (`component:<relpath>#...`, `rule:<relpath>#...`).
 */
export function nodeLocation(node: GraphNode): NodeLocation | undefined {
  const props = node.props;
  const line = typeof props.line === "number" ? props.line : typeof props.startLine === "number" ? props.startLine : 0;
  if (node.source && /\.[\w]+$/.test(node.source)) {
    return { path: node.source, line };
  }
  for (const key of ["path", "source", "file"]) {
    const value = props[key];
    if (typeof value === "string" && value) {
      return { path: value, line };
    }
  }
  const match = /^(component|rule):([^#]+)/.exec(node.id);
  return match ? { path: match[2], line } : undefined;
}

const ICONS: Record<string, string> = {
  Service: "server",
  CodeComponent: "symbol-class",
  BusinessProcess: "git-merge",
  Rule: "law",
};

export function iconOf(label: string): string {
  return ICONS[label] ?? "circle-outline";
}

/** The tree label: a file component shows its file name (its graph name is a dotted module path). */
export function displayName(node: GraphNode): string {
  const file = /^component:([^#]+)$/.exec(node.id);
  return file ? file[1].split("/").pop()! : node.name;
}

/** A one-line description shown next to a tree item (the label, and the owner when known). */
export function describe(node: GraphNode): string {
  const owner = node.props.owner;
  return typeof owner === "string" && owner ? `${node.label} · ${owner}` : node.label;
}
