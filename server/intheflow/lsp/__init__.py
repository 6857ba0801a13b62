"""The pygls adapter. The only package that imports pygls or lsprotocol; every handler is a thin
conversion around a plain function of a core package."""
