"""The knowledge graph: services, code components, business processes, rules, taxonomy terms and
owners, with typed edges; stored in SQLite (default) or PostgreSQL and queried with Cypher."""
