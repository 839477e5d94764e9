"""Prints CPython's view of a Python file, for tests/parse_ok.rs: `ast.dump(tree)`, then the same with
positions (`include_attributes=True`), columns converted from UTF-8 bytes to characters as ioplay counts."""
import ast
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    source = f.read()
tree = ast.parse(source)
print(ast.dump(tree))
lines = source.splitlines()


def chars(line, col):
    return len(lines[line - 1].encode("utf-8")[:col].decode("utf-8"))


for node in ast.walk(tree):
    if getattr(node, "col_offset", None) is not None:
        node.col_offset = chars(node.lineno, node.col_offset)
    if getattr(node, "end_col_offset", None) is not None:
        node.end_col_offset = chars(node.end_lineno, node.end_col_offset)
print(ast.dump(tree, include_attributes=True))
