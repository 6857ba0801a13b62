"""COBOL → typed IR → Rust, Java and Go, verified by running GnuCOBOL and the translation.

Pipeline: cobol/ (source format, lexer, COPY, parser) → ir/ (model, printer, checker) →
passes/ (one module per pass, in PASS_ORDER) → backends/<target>/ (code generator + runtime)
→ verify/ (build with the real compilers, run both, compare bytes).
"""
