# json: what a program sends over a socket as text, and the errors of a bad document.
import json
data = {"name": "ioplay", "ports": [8080, 8443], "ok": True, "ratio": 0.5, "none": None, "nested": {"a": [], "b": {}}}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(["é", "\u2603", "\U0001f600", "tab\t", "quote\"", "\x01"]), json.dumps("é", ensure_ascii=False))
print(json.dumps({1: "int key", 2.5: "float", True: "bool", None: "none"}), json.dumps((1, 2)), json.dumps(1e100), json.dumps(float("inf")))
print(json.dumps([1, [2, [3]]], indent="\t"), json.dumps({"a": 1}, separators=(",", ":")), json.dumps([], indent=4), json.dumps({}, indent=4))
print(json.dumps({"s": {1, 2}}, default=sorted), json.dumps({(1, 2): 1}, skipkeys=True))
back = json.loads(json.dumps(data))
print(back == data, back["ports"][1], json.loads(b'{"x": [1, 2.5, -3e2, "\\u00e9\\ud83d\\ude00", null, true]}'))
print(json.loads(' [1, {"a": "b"}] '), json.loads("NaN"), json.loads('"\\n\\t\\/"'), json.loads("0"), json.loads("-0.0"))
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items())), json.loads("[1.5]", parse_float=str))
for doc in ["", "[1, 2", '{"a" 1}', "{'a': 1}", "[1,]", "tru", '"abc', '"a\\qb"', "[1] x", '{"a": 1,}', "\n\n  [", '"\x01"']:
    try:
        json.loads(doc)
    except json.JSONDecodeError as e:
        print(repr(doc), "->", e, e.pos, e.lineno, e.colno)
for bad in [{"x": object()}, {(1, 2): 3}, float("nan")]:
    try:
        print(json.dumps(bad, allow_nan=False))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
print(issubclass(json.JSONDecodeError, ValueError))
