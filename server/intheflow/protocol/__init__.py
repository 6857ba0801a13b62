"""msgspec types of the custom `intheflow/*` LSP methods, one module per area.

Each type mirrors a JSON Schema in the repo's `shared/schemas/methods/`; a test checks that the
schemas, these types and the extension's TypeScript types agree.
"""
